import FlareWorkerAPI

/// One CryptoCompare history candle: `{time(sec), open, high, low, close, volumefrom, volumeto, …}`.
package struct CryptoCompareCandle: Sendable, Hashable {
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
    package func point(symbol: String, timeframe: String) -> PricePoint {
        PricePoint(
            symbol: symbol, timestamp: time, timeframe: timeframe, open: open, high: high, low: low, close: close,
            volumeFrom: volumeFrom, volumeTo: volumeTo, source: .cryptocompare
        )
    }
}
