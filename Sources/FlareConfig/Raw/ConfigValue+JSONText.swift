extension ConfigValue {
    /// The value as `JSON.stringify` writes it, for messages in wrangler's shape.
    var jsonText: String {
        switch self {
        case .string(let value): return Self.quoted(value)
        case .integer(let value): return String(value)
        case .double(let value): return Self.numberText(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .date(let text): return Self.quoted(text)
        case .array(let values): return "[" + values.map(\.jsonText).joined(separator: ",") + "]"
        case .table(let table):
            let members = table.keys.map { Self.quoted($0) + ":" + (table[$0]?.jsonText ?? "null") }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    /// A number as JavaScript prints it: integral values without a fraction.
    static func numberText(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
