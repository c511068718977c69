import FlareWorkerAPI

/// One candle on the queue and in `price_data`: the reconciled message contract (docs/coinswarm.md).
///
/// - `timestamp` is the candle's open time in **seconds** since the epoch (§8.2).
/// - `symbol` is `BASE-QUOTE`, e.g. `BTC-USDT` (§8.3).
/// - `timeframe` is `1m`, `1h` or `1d` (§8.1, §8.6).
/// - `volumeFrom` is the base-currency volume, `volumeTo` the quote-currency volume; `nil` when the
///   source does not give it (§8.1, §8.4).
package struct PricePoint: Sendable, Hashable, Codable {
    package var symbol: String
    package var timestamp: Int64
    package var timeframe: String
    package var open: Double
    package var high: Double
    package var low: Double
    package var close: Double
    package var volumeFrom: Double?
    package var volumeTo: Double?
    package var source: PriceSource

    /// The `price_data` UNIQUE key `(symbol, timestamp, timeframe, source)`.
    struct Key: Hashable, Sendable {
        var symbol: String
        var timestamp: Int64
        var timeframe: String
        var source: PriceSource
    }

    /// This point's UNIQUE key; deduplication uses exactly this key (§8.5).
    var key: Key { Key(symbol: symbol, timestamp: timestamp, timeframe: timeframe, source: source) }

    /// The message body as JSON, every contract field present (`null` volumes included).
    var jsonValue: JSONValue {
        .object([
            "symbol": .string(symbol),
            "timestamp": .int(timestamp),
            "timeframe": .string(timeframe),
            "open": .double(open),
            "high": .double(high),
            "low": .double(low),
            "close": .double(close),
            "volumeFrom": volumeFrom.map(JSONValue.double) ?? .null,
            "volumeTo": volumeTo.map(JSONValue.double) ?? .null,
            "source": .string(source.rawValue),
        ])
    }

    /// The ten values bound to the INSERT, in column order.
    var insertValues: [D1Value] {
        [
            .text(symbol), .integer(timestamp), .text(timeframe), .real(open), .real(high), .real(low),
            .real(close), volumeFrom.map(D1Value.real) ?? .null, volumeTo.map(D1Value.real) ?? .null,
            .text(source.rawValue),
        ]
    }
}
