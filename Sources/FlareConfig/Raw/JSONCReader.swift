import Foundation

/// Parses `wrangler.json` / `wrangler.jsonc` (comments and trailing commas allowed) with Foundation.
enum JSONCReader {
    /// Parses `text`.
    /// - Throws: ``ConfigError`` when it is not JSON, or the top level is not an object.
    static func parse(_ text: String, file: String) throws -> ConfigTable {
        let json = Data(JSONCStripper.strip(text).utf8)
        // JSONSerialization reports where the text is wrong (as a byte offset); JSONDecoder does not.
        do {
            _ = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            let position = offset(in: detail).map { lineAndColumn(ofByte: $0, in: json) }
            throw ConfigError(
                file: file, message: "Invalid JSON: \(detail)", line: position?.line, column: position?.column)
        }
        let value: ConfigValue
        do {
            value = try JSONDecoder().decode(ConfigValue.self, from: json)
        } catch {
            throw ConfigError(file: file, message: "Invalid JSON: \(error)")
        }
        guard case .table(let table) = value else {
            throw ConfigError(file: file, message: "The configuration must be a JSON object but got \(value.jsonText).")
        }
        return table
    }

    /// The `N` of `... around character N.`
    private static func offset(in detail: String) -> Int? {
        guard let range = detail.range(of: "character ") else { return nil }
        return Int(detail[range.upperBound...].prefix { $0.isNumber })
    }

    /// The 1-based line and column of byte `offset` of `data`.
    static func lineAndColumn(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
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
