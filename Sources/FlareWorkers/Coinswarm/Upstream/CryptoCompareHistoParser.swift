import FlareWorkerAPI
import Foundation

/// Parses CryptoCompare `/data/v2/histo{day,hour,minute}` bodies: candles are in `Data.Data`.
package enum CryptoCompareHistoParser {
    /// - Throws: ``UpstreamError`` `Unexpected CryptoCompare response: <text>` when `Data.Data` is
    ///   missing (an error body such as `{"Response":"Error","Message":…,"Data":{}}`), as the Python worker.
    package static func parse(_ data: Data) throws -> [CryptoCompareCandle] {
        let text = String(decoding: data, as: UTF8.self)
        guard let candles = (try? JSONValue(parsing: data))?["Data"]?["Data"]?.arrayValue else {
            throw UpstreamError(message: "Unexpected CryptoCompare response: \(text)")
        }
        return try candles.map { candle in
            func number(_ name: String) throws -> Double {
                guard let value = candle[name]?.doubleValue else {
                    throw UpstreamError(message: "Unexpected CryptoCompare candle: \(candle.jsonString())")
                }
                return value
            }
            guard let time = candle["time"]?.int64Value else {
                throw UpstreamError(message: "Unexpected CryptoCompare candle: \(candle.jsonString())")
            }
            return CryptoCompareCandle(
                time: time, open: try number("open"), high: try number("high"), low: try number("low"),
                close: try number("close"), volumeFrom: candle["volumefrom"]?.doubleValue ?? 0,
                volumeTo: candle["volumeto"]?.doubleValue ?? 0
            )
        }
    }
}
