import FlareWorkerAPI
import Foundation

/// One CryptoCompare history candle: `{time(sec), open, high, low, close, volumefrom, volumeto, …}`.
struct CryptoCompareCandle: Sendable, Hashable {
    var time: Int64
    var open: Double
    var high: Double
    var low: Double
    var close: Double
    var volumeFrom: Double
    var volumeTo: Double
    /// The candle as JSON (the `/trigger` response's `candles`), in CryptoCompare's field names.
    var jsonValue: JSONValue {
        .object([
            "time": .int(time), "open": .double(open), "high": .double(high), "low": .double(low),
            "close": .double(close), "volumefrom": .double(volumeFrom), "volumeto": .double(volumeTo),
        ])
    }

    /// CryptoCompare pads ranges before the first trade with all-zero candles.
    var isEmptyPadding: Bool { open == 0 && high == 0 && low == 0 && close == 0 }

    /// The candle as a point: `timestamp = time` (seconds), `volumeFrom = volumefrom`, `volumeTo = volumeto`.
    func point(symbol: String, timeframe: String) -> PricePoint {
        PricePoint(
            symbol: symbol, timestamp: time, timeframe: timeframe, open: open, high: high, low: low, close: close,
            volumeFrom: volumeFrom, volumeTo: volumeTo, source: .cryptocompare
        )
    }
}

/// Parses CryptoCompare `/data/v2/histo{day,hour,minute}` bodies: candles are in `Data.Data`.
enum CryptoCompareHistoParser {
    /// - Throws: ``UpstreamError`` `Unexpected CryptoCompare response: <text>` when `Data.Data` is
    ///   missing (an error body such as `{"Response":"Error","Message":…,"Data":{}}`), as the Python worker.
    static func parse(_ data: Data) throws -> [CryptoCompareCandle] {
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
