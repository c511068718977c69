import FlareWorkerAPI

/// JSON with object keys in a chosen order, rendered as `JSON.stringify` does: compact, or
/// pretty with two-space indentation (`JSON.stringify(x, null, 2)`). The original responses list
/// their keys in a fixed order, which `JSONValue` (keys sorted) would not keep.
indirect enum OrderedJSON: Sendable {
    case value(JSONValue)
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])

    /// A string value.
    static func string(_ text: String) -> OrderedJSON { .value(.string(text)) }

    /// `JSON.stringify(x)`.
    var compact: String {
        switch self {
        case .value(let value): return value.jsonString()
        case .array(let items): return "[" + items.map(\.compact).joined(separator: ",") + "]"
        case .object(let pairs):
            return "{" + pairs.map { Self.quote($0.0) + ":" + $0.1.compact }.joined(separator: ",") + "}"
        }
    }

    /// `JSON.stringify(x, null, 2)`.
    var pretty: String { pretty(level: 0) }

    private func pretty(level: Int) -> String {
        let inner = String(repeating: "  ", count: level + 1)
        let outer = String(repeating: "  ", count: level)
        switch self {
        case .value(.object(let members)):
            return OrderedJSON.object(members.sorted { $0.key < $1.key }.map { ($0.key, .value($0.value)) })
                .pretty(level: level)
        case .value(.array(let items)):
            return OrderedJSON.array(items.map { .value($0) }).pretty(level: level)
        case .value(let value):
            return value.jsonString()
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + $0.pretty(level: level + 1) }.joined(separator: ",\n") + "\n\(outer)]"
        case .object(let pairs):
            guard !pairs.isEmpty else { return "{}" }
            let lines = pairs.map { inner + Self.quote($0.0) + ": " + $0.1.pretty(level: level + 1) }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(outer)}"
        }
    }

    private static func quote(_ key: String) -> String {
        JSONValue.string(key).jsonString()
    }

    /// An `application/json` response with this body.
    func response(status: Int = 200, pretty: Bool = false) -> WorkerResponse {
        var response = WorkerResponse.json(.null)
        response.status = .init(code: status)
        response.body = WorkerBody(text: pretty ? self.pretty : compact)
        return response
    }
}
