import Foundation

/// Parses `wrangler.json` / `wrangler.jsonc` (comments and trailing commas allowed) with Foundation.
enum JSONCReader {
    /// Parses `text`.
    /// - Throws: ``ConfigError`` when it is not JSON, or the top level is not an object.
    static func parse(_ text: String, file: String) throws -> ConfigTable {
        let json = JSONCStripper.strip(text)
        let value: ConfigValue
        do {
            value = try JSONDecoder().decode(ConfigValue.self, from: Data(json.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = context.underlyingError.map { String(describing: $0) } ?? context.debugDescription
            throw ConfigError(file: file, message: "Invalid JSON: \(underlying)")
        } catch {
            throw ConfigError(file: file, message: "Invalid JSON: \(error)")
        }
        guard case .table(let table) = value else {
            throw ConfigError(file: file, message: "The configuration must be a JSON object but got \(value.jsonText).")
        }
        return table
    }
}

extension ConfigValue: Decodable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes any JSON value; object keys are sorted, as TOML tables are.
    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var table = ConfigTable()
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                table[key.stringValue] = try object.decode(ConfigValue.self, forKey: key)
            }
            self = .table(table)
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var values: [ConfigValue] = []
            while !array.isAtEnd { values.append(try array.decode(ConfigValue.self)) }
            self = .array(values)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            self = .double(value)
        } else {
            self = .string(try single.decode(String.self))
        }
    }
}
