import Foundation

/// One token the producer collects: its canonical symbol and CoinGecko id.
struct Token: Sendable, Hashable {
    var symbol: String
    var coinID: String?

    /// The original `TOKENS` constant (§2.1), in the canonical symbol convention.
    static let defaults = [
        Token(symbol: "BTC-USDT", coinID: "bitcoin"),
        Token(symbol: "ETH-USDT", coinID: "ethereum"),
        Token(symbol: "SOL-USDT", coinID: "solana"),
    ]

    /// Parses the `TOKENS` var: comma-separated `SYMBOL[:coingeckoId]` entries, e.g.
    /// `BTC-USDT:bitcoin,ETH-USDT:ethereum`. A blank or missing var gives ``defaults``.
    static func parse(_ text: String?) -> [Token] {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return defaults }
        let tokens = text.split(separator: ",").compactMap { entry -> Token? in
            let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, let symbol = CanonicalSymbol.normalize(first) else { return nil }
            let coinID = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            return Token(symbol: symbol, coinID: coinID)
        }
        return tokens.isEmpty ? defaults : tokens
    }
}
