/// A value of a wrangler config as parsed, before validation: the common shape of TOML and JSON.
enum ConfigValue: Sendable, Equatable {
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A floating-point number.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// JSON `null`.
    case null
    /// A TOML date, time or date-time, as its TOML text (wrangler rejects these in `vars`).
    case date(String)
    /// An array.
    case array([ConfigValue])
    /// A table (TOML) or object (JSON).
    case table(ConfigTable)

    /// The string, if this is one.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is one.
    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, if this is an integer or a double.
    var numberValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The table, if this is one.
    var tableValue: ConfigTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The array, if this is one.
    var arrayValue: [ConfigValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}

/// A table with its keys in a stable order (TOML tables come sorted by key; JSON objects too).
struct ConfigTable: Sendable, Equatable {
    /// The keys, in order.
    private(set) var keys: [String] = []
    private var storage: [String: ConfigValue] = [:]

    /// Creates an empty table.
    init() {}

    /// Creates a table from key-value pairs, keeping their order.
    init(_ pairs: [(String, ConfigValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// The value for `key`.
    subscript(key: String) -> ConfigValue? {
        get { storage[key] }
        set {
            if newValue != nil, storage[key] == nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            storage[key] = newValue
        }
    }

    /// Whether `key` is present.
    func has(_ key: String) -> Bool { storage[key] != nil }
}
