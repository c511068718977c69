import FlareWorkerAPI
import Foundation

/// Parses CoinGecko `/coins/{id}/market_chart?interval=daily` into points.
///
/// The body is `{prices: [[timestampMs, price], …], market_caps: …, total_volumes: …}`. Mapping:
/// `timestamp = ms / 1000` (§8.2); `open = high = low = close = price` — the original fabricated
/// high/low as ±1 %, which is not data (§8.4); `volumeFrom = volumeTo = nil` (market_chart has no
/// per-candle volume; the original wrote 0); `timeframe = "1d"` (§8.1).
package enum CoinGeckoMarketChartParser {
    static let timeframe = "1d"

    /// - Throws: ``UpstreamError`` when `prices` is missing or malformed.
    package static func parse(_ data: Data, symbol: String) throws -> [PricePoint] {
        guard let prices = (try? JSONValue(parsing: data))?["prices"]?.arrayValue else {
            throw UpstreamError(
                message: "Unexpected CoinGecko response: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return try prices.map { entry in
            guard let pair = entry.arrayValue, pair.count >= 2, let stamp = pair[0].doubleValue,
                let price = pair[1].doubleValue
            else {
                throw UpstreamError(message: "Unexpected CoinGecko price entry: \(entry.jsonString())")
            }
            return PricePoint(
                symbol: symbol, timestamp: Int64(stamp) / 1000, timeframe: timeframe,
                open: price, high: price, low: price, close: price, volumeFrom: nil, volumeTo: nil, source: .coingecko
            )
        }
    }
}
