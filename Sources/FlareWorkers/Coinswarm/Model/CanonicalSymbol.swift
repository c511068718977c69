import Foundation

/// The one symbol convention (§8.3): `BASE-QUOTE` in upper case, e.g. `BTC-USDT`, `BTC-USDC`.
///
/// It is the Python worker's and `/stats`' form, and the form of the existing `pyswarm-cccagg` rows.
enum CanonicalSymbol {
    /// Quote currencies recognised at the end of a dashless symbol, longest first.
    static let knownQuotes = ["USDT", "USDC", "BUSD", "USD", "EUR", "BTC", "ETH", "SOL"]

    /// CoinGecko ids the original producer upper-cased into symbols (`BITCOINUSDT`), mapped back.
    static let legacyCoinIDs = ["BITCOIN": "BTC", "ETHEREUM": "ETH", "SOLANA": "SOL"]

    /// `BTCUSDT` → `BTC-USDT`, `btc-usdc` → `BTC-USDC`, `BITCOINUSDT` → `BTC-USDT`; `nil` for an empty symbol.
    /// A symbol without a recognised quote is kept upper-cased as it is.
    static func normalize(_ symbol: String) -> String? {
        // Every point of a contract message is already canonical: skip Foundation's trimming and
        // case mapping, which cost more than the rest of the point's validation.
        if isCanonical(symbol) { return symbol }
        let upper = symbol.trimmingCharacters(in: .whitespaces).uppercased()
        guard !upper.isEmpty else { return nil }
        if upper.contains("-") { return upper }
        for quote in knownQuotes where upper.count > quote.count && upper.hasSuffix(quote) {
            let base = String(upper.dropLast(quote.count))
            return "\(legacyCoinIDs[base] ?? base)-\(quote)"
        }
        return upper
    }

    /// Upper-case ASCII letters and digits with at least one dash: what ``normalize(_:)`` returns
    /// unchanged.
    static func isCanonical(_ symbol: String) -> Bool {
        var dashes = 0
        for byte in symbol.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): continue
            case UInt8(ascii: "-"): dashes += 1
            default: return false
            }
        }
        return dashes > 0
    }

    /// The base currency: `BTC-USDT` → `BTC` (CryptoCompare's `fsym`).
    static func base(of symbol: String) -> String {
        String(symbol.split(separator: "-").first ?? Substring(symbol))
    }

    /// Binance's form: `BTC-USDT` → `BTCUSDT`.
    static func binance(_ symbol: String) -> String {
        symbol.replacingOccurrences(of: "-", with: "")
    }
}
