import TOMLKit

/// Parses TOML text into a ``ConfigValue`` table with TOMLKit.
enum TOMLReader {
    /// Parses `text`.
    /// - Throws: ``ConfigError`` with the parser's line and column.
    static func parse(_ text: String, file: String) throws -> ConfigTable {
        if let (line, column) = TOMLHeaderGuard.firstBadHeader(in: text) {
            throw ConfigError(
                file: file, message: "Error while parsing table header: expected a key after '['", line: line,
                column: column)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let firstLine = error.description.split(separator: "\n").first.map(String.init) ?? error.description
            throw ConfigError(
                file: file, message: firstLine, line: error.source.begin.line, column: error.source.begin.column)
        }
        return convert(table)
    }

    private static func convert(_ table: TOMLTable) -> ConfigTable {
        var result = ConfigTable()
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value.tomlValue) }
        }
        return result
    }

    private static func convert(_ value: TOMLValue) -> ConfigValue {
        switch value.type {
        case .table:
            guard let table = value.table else { return .table(ConfigTable()) }
            return .table(convert(table))
        case .array:
            guard let array = value.array else { return .array([]) }
            return .array(array.map { convert($0.tomlValue) })
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date, .time, .dateTime: return .date(value.debugDescription)
        }
    }
}
