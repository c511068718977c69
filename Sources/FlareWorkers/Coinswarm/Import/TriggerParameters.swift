import FlareWorkerAPI
import Foundation

/// The parameters of `POST /trigger`: `toTs` and (new) `timeframe`, from the JSON body or, fixed
/// (§8.7), the query string. The body wins when both give a value.
struct TriggerParameters: Sendable, Hashable {
    var toTs: Int64?
    var timeframe: CryptoCompareTimeframe = .day

    /// Reads the parameters. An empty or non-JSON body counts as no body, as the Python worker's
    /// swallowed exception did.
    /// - Throws: ``UpstreamError`` for a `toTs` that is not an integer or an unknown `timeframe`.
    static func parse(body: JSONValue?, query: (String) -> String?) throws -> TriggerParameters {
        var parameters = TriggerParameters()
        if let value = body?["toTs"], !value.isNull {
            parameters.toTs = try integer(value)
        } else if let text = query("toTs"), !text.isEmpty {
            parameters.toTs = try integer(.string(text))
        }
        if let name = body?["timeframe"]?.stringValue ?? query("timeframe") {
            guard let timeframe = CryptoCompareTimeframe(rawValue: name) else {
                throw UpstreamError(message: "Invalid timeframe: \(name) (use day, hour or minute)")
            }
            parameters.timeframe = timeframe
        }
        return parameters
    }

    /// `toTs` as an integer; the Python worker passed the body value through uncast.
    private static func integer(_ value: JSONValue) throws -> Int64 {
        if let number = value.int64Value { return number }
        if let text = value.stringValue, let number = Int64(text.trimmingCharacters(in: .whitespaces)) {
            return number
        }
        throw UpstreamError(message: "Invalid toTs: \(value.jsonString())")
    }
}
