/// An upstream data source, as stored in `price_data.source`.
package enum PriceSource: String, Sendable, Hashable, CaseIterable, Codable {
    case binance
    case coingecko
    case cryptocompare
    /// Listed in the schema comment; no worker here fetches it, but the consumer accepts it.
    case dexscreener

    /// The original consumer's priority table `{cryptocompare:3, binance:2, coingecko:1}`.
    ///
    /// With `source` in the dedup key (§8.5 fix) two points only compete when they share a source,
    /// so the priority is a deterministic tie-breaker, never a reason to drop another source's row.
    var priority: Int {
        switch self {
        case .cryptocompare: return 3
        case .binance: return 2
        case .coingecko: return 1
        case .dexscreener: return 0
        }
    }

    /// The timeframe the producer fetches from this source (§8.1): Binance `interval=1h`, CoinGecko
    /// `interval=daily`, CryptoCompare `histominute`. Used to label legacy messages that lack one.
    var producerTimeframe: String? {
        switch self {
        case .binance: return "1h"
        case .coingecko: return "1d"
        case .cryptocompare: return "1m"
        case .dexscreener: return nil
        }
    }

    /// The consumer inserts groups in this order, as the original `batchInsertToD1` did.
    static let insertOrder: [PriceSource] = [.binance, .coingecko, .cryptocompare, .dexscreener]
}
