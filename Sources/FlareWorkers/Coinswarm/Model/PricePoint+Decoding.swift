import FlareWorkerAPI

extension PricePoint {
    /// Timestamps at or above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973).
    static let millisecondThreshold: Int64 = 100_000_000_000

    /// Validates one element of a message body against the contract, accepting legacy shapes:
    /// - a millisecond `timestamp` (the original producer) becomes seconds (§8.2);
    /// - a symbol in another convention (`BTCUSDT`, `BITCOINUSDT`, `btc-usdc`) becomes `BASE-QUOTE` (§8.3);
    /// - a missing `timeframe` gets the producer's interval for that source (§8.1);
    /// - a lone `volume` maps to `volumeFrom` (Binance, base volume) or `volumeTo` (CryptoCompare,
    ///   `volumeto`); CoinGecko's `volume: 0` meant "unknown" and becomes `nil` (§8.1, §8.4).
    ///
    /// Anything else (null, wrong types, missing prices) throws, so the message is retried and ends
    /// in the dead-letter queue instead of being acked and lost (§8.8).
    /// - Throws: ``PointValidationError`` naming the first bad field.
    init(validating value: JSONValue) throws {
        guard let object = value.objectValue else {
            throw PointValidationError(
                message:
                    "point is \(value.typeName == "object" ? "null or an array" : "a \(value.typeName)"), not an object"
            )
        }
        func number(_ name: String) throws -> Double {
            guard let field = object[name] else { throw PointValidationError(message: "missing \(name)") }
            guard let number = field.doubleValue, number.isFinite else {
                throw PointValidationError(message: "\(name) is a \(field.typeName), not a number")
            }
            return number
        }
        func optionalNumber(_ name: String) throws -> Double? {
            guard let field = object[name], !field.isNull else { return nil }
            guard let number = field.doubleValue, number.isFinite else {
                throw PointValidationError(message: "\(name) is a \(field.typeName), not a number")
            }
            return number
        }
        func string(_ name: String) throws -> String? {
            guard let field = object[name], !field.isNull else { return nil }
            guard let text = field.stringValue else {
                throw PointValidationError(message: "\(name) is a \(field.typeName), not a string")
            }
            return text
        }

        guard let sourceName = try string("source") else { throw PointValidationError(message: "missing source") }
        guard let source = PriceSource(rawValue: sourceName) else {
            throw PointValidationError(message: "unknown source \"\(sourceName)\"")
        }
        guard let rawSymbol = try string("symbol"), let symbol = CanonicalSymbol.normalize(rawSymbol) else {
            throw PointValidationError(message: "missing or empty symbol")
        }
        guard let stampField = object["timestamp"] else { throw PointValidationError(message: "missing timestamp") }
        guard let stamp = stampField.int64Value ?? stampField.doubleValue.flatMap({ Int64(exactly: $0.rounded(.down)) })
        else {
            throw PointValidationError(message: "timestamp is a \(stampField.typeName), not a number")
        }
        guard stamp >= 0 else { throw PointValidationError(message: "timestamp is negative") }
        guard let timeframe = try string("timeframe") ?? source.producerTimeframe, !timeframe.isEmpty else {
            throw PointValidationError(message: "missing timeframe")
        }

        var volumeFrom = try optionalNumber("volumeFrom")
        var volumeTo = try optionalNumber("volumeTo")
        if object["volumeFrom"] == nil, object["volumeTo"] == nil, let legacy = try optionalNumber("volume") {
            switch source {
            case .binance: volumeFrom = legacy
            case .cryptocompare: volumeTo = legacy
            case .coingecko, .dexscreener: break
            }
        }

        self.init(
            symbol: symbol,
            timestamp: stamp >= Self.millisecondThreshold ? stamp / 1000 : stamp,
            timeframe: timeframe,
            open: try number("open"),
            high: try number("high"),
            low: try number("low"),
            close: try number("close"),
            volumeFrom: volumeFrom,
            volumeTo: volumeTo,
            source: source
        )
    }
}
