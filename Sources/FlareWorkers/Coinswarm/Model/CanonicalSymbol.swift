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
        let upper = symbol.trimmingCharacters(in: .whitespaces).uppercased()
        guard !upper.isEmpty else { return nil }
        if upper.contains("-") { return upper }
        for quote in knownQuotes where upper.count > quote.count && upper.hasSuffix(quote) {
            let base = String(upper.dropLast(quote.count))
            return "\(legacyCoinIDs[base] ?? base)-\(quote)"
        }
        return upper
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
