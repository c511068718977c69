/// Type checks in wrangler's message shapes (`validation-helpers.ts`).
extension ConfigNormalizer {
    /// Warns `Unexpected fields found in <field> field: "a","b"`.
    mutating func unexpectedFields(_ keys: [String], in field: String, keyPath: String) {
        let list = keys.map { ConfigValue.quoted($0) }.joined(separator: ",")
        warning(keyPath, "Unexpected fields found in \(field) field: \(list)")
    }

    /// Warns about the keys of `table` not in `allowed`, naming `field`.
    mutating func checkFields(_ table: ConfigTable, allowed: [String], field: String) {
        let unknown = table.keys.filter { !allowed.contains($0) }
        if !unknown.isEmpty { unexpectedFields(unknown, in: field, keyPath: path(field)) }
    }

    /// A string or nothing; anything else is `Expected "<field>" to be of type string but got <json>.`
    mutating func optionalString(_ value: ConfigValue?, field: String) -> String? {
        guard let value else { return nil }
        if let string = value.stringValue { return string }
        typeError(value, field: field, type: "string")
        return nil
    }

    /// A boolean or nothing.
    mutating func optionalBool(_ value: ConfigValue?, field: String) -> Bool? {
        guard let value else { return nil }
        if let bool = value.boolValue { return bool }
        typeError(value, field: field, type: "boolean")
        return nil
    }

    /// A number or nothing.
    mutating func optionalNumber(_ value: ConfigValue?, field: String) -> Double? {
        guard let value else { return nil }
        if let number = value.numberValue { return number }
        typeError(value, field: field, type: "number")
        return nil
    }

    /// A whole number or nothing (a fractional number is an error too).
    mutating func optionalInteger(_ value: ConfigValue?, field: String) -> Int? {
        guard let number = optionalNumber(value, field: field) else { return nil }
        guard let integer = Self.exactInteger(number) else {
            error(path(field), "Expected \"\(field)\" to be an integer but got \(ConfigValue.numberText(number)).")
            return nil
        }
        return integer
    }

    /// A string array or nothing.
    mutating func optionalStringArray(_ value: ConfigValue?, field: String) -> [String]? {
        guard let value else { return nil }
        if let array = value.arrayValue {
            let strings = array.compactMap(\.stringValue)
            if strings.count == array.count { return strings }
        }
        typeError(value, field: field, type: "string array")
        return nil
    }

    /// A table, or `nil` after `The field "<field>" should be an object but got <json>.`
    mutating func table(_ value: ConfigValue, field: String) -> ConfigTable? {
        if let table = value.tableValue { return table }
        error(path(field), "The field \"\(field)\" should be an object but got \(value.jsonText).")
        return nil
    }

    /// An array, or `nil` after `The field "<field>" should be an array but got <json>.`
    mutating func array(_ value: ConfigValue, field: String) -> [ConfigValue]? {
        if let array = value.arrayValue { return array }
        error(path(field), "The field \"\(field)\" should be an array but got \(value.jsonText).")
        return nil
    }

    /// `Expected "<field>" to be of type <type> but got <json>.`
    mutating func typeError(_ value: ConfigValue, field: String, type: String) {
        error(path(field), "Expected \"\(field)\" to be of type \(type) but got \(value.jsonText).")
    }

    /// `value` as an `Int` when it is whole and fits.
    static func exactInteger(_ value: Double) -> Int? {
        guard value == value.rounded(), abs(value) < 9e15 else { return nil }
        return Int(value)
    }
}
