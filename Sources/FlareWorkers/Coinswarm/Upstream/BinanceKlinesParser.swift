import FlareWorkerAPI
import Foundation

/// Parses Binance.US `/api/v3/klines?interval=1h` into points.
///
/// Each kline is `[openTime(ms), open, high, low, close, volume, closeTime, quoteAssetVolume, …]`,
/// prices and volumes as decimal strings. Mapping: `timestamp = openTime / 1000` (seconds, §8.2),
/// `volumeFrom = volume` (base asset), `volumeTo = quoteAssetVolume` (index 7, `nil` when absent),
/// `timeframe = "1h"` (the requested interval, §8.1).
package enum BinanceKlinesParser {
    static let timeframe = "1h"

    /// - Throws: ``UpstreamError`` when the body is not an array of klines.
    package static func parse(_ data: Data, symbol: String) throws -> [PricePoint] {
        guard let klines = (try? JSONValue(parsing: data))?.arrayValue else {
            throw UpstreamError(
                message: "Unexpected Binance response: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        return try klines.map { kline in
            guard let fields = kline.arrayValue, fields.count >= 6, let openTime = fields[0].int64Value else {
                throw UpstreamError(message: "Unexpected Binance kline: \(kline.jsonString())")
            }
            func decimal(_ index: Int) throws -> Double {
                if let number = fields[index].doubleValue { return number }
                if let text = fields[index].stringValue, let number = Double(text) { return number }
                throw UpstreamError(message: "Unexpected Binance kline field \(index): \(fields[index].jsonString())")
            }
            return PricePoint(
                symbol: symbol, timestamp: openTime / 1000, timeframe: timeframe,
                open: try decimal(1), high: try decimal(2), low: try decimal(3), close: try decimal(4),
                volumeFrom: try decimal(5), volumeTo: fields.count > 7 ? try decimal(7) : nil, source: .binance
            )
        }
    }
}
