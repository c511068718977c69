/// A CryptoCompare history endpoint and the `price_data.timeframe` label of what it returns (§8.6).
enum CryptoCompareTimeframe: String, Sendable, CaseIterable {
    case day
    case hour
    case minute

    /// `histoday`, `histohour`, `histominute`.
    var endpoint: String { "histo\(rawValue)" }

    /// `1d`, `1h`, `1m`: the label rows get, always the timeframe actually fetched.
    var label: String {
        switch self {
        case .day: return "1d"
        case .hour: return "1h"
        case .minute: return "1m"
        }
    }

    /// Seconds per candle, for paging.
    var seconds: Int64 {
        switch self {
        case .day: return 86_400
        case .hour: return 3_600
        case .minute: return 60
        }
    }

    /// The adjective in the `/trigger` message (`Inserted N BTC-USDC daily candles.`).
    var adjective: String {
        switch self {
        case .day: return "daily"
        case .hour: return "hourly"
        case .minute: return "minute"
        }
    }
}
