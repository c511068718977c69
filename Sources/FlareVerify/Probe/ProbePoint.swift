import FlareWorkerAPI

/// The point the consumer probe sends: a symbol and time no real import produces, in the message
/// contract the consumer documents.
enum ProbePoint {
    /// The probe's symbol.
    static let symbol = "VERIFY-PROBE"
    /// The probe's time: one day after the epoch.
    static let timestamp: Int64 = 86_400

    /// The message body (one NDJSON line) with `close` set to `close`.
    static func line(close: Int) -> String {
        JSONValue.object([
            "symbol": .string(symbol), "timestamp": .int(timestamp), "timeframe": .string("1d"),
            "open": .int(1), "high": .int(Int64(max(close, 1))), "low": .int(1), "close": .int(Int64(close)),
            "volumeFrom": .int(1), "volumeTo": .int(1), "source": .string("cryptocompare"),
        ]).jsonString()
    }
}
