import FlareWorkerAPI

/// A fast reader and writer of the flat `{"k":"v",…}` objects the index stores (`checksums`,
/// `custom_metadata`, most `http_metadata`), so that `put`, `get` and `head` do not pay for a
/// `JSONEncoder` or `JSONDecoder` on every call. The reader returns `nil` for anything else, and
/// the caller falls back to `JSONDecoder`.
enum FlatJSON {
    /// `{"k":"v",…}` with keys in UTF-8 byte order, strings escaped by ``JSONWriter``.
    static func encode(_ pairs: [(String, String)]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, (key, value)) in pairs.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.write(.string(key), into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.write(.string(value), into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func stringObject(_ json: String) -> [String: String]? {
        var utf8 = Array(json.utf8)[...]
        var result: [String: String] = [:]
        func skipSpaces() {
            while let byte = utf8.first, byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 {
                utf8 = utf8.dropFirst()
            }
        }
        func expect(_ byte: UInt8) -> Bool {
            skipSpaces()
            guard utf8.first == byte else { return false }
            utf8 = utf8.dropFirst()
            return true
        }
        func string() -> String? {
            guard expect(0x22) else { return nil }
            var bytes: [UInt8] = []
            while let byte = utf8.first {
                utf8 = utf8.dropFirst()
                switch byte {
                case 0x22:
                    return String(decoding: bytes, as: UTF8.self)
                case 0x5c:
                    guard let escaped = utf8.first else { return nil }
                    utf8 = utf8.dropFirst()
                    switch escaped {
                    case 0x22, 0x5c, 0x2f: bytes.append(escaped)
                    case UInt8(ascii: "n"): bytes.append(0x0a)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "r"): bytes.append(0x0d)
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0c)
                    default: return nil  // \u escapes: leave them to JSONDecoder.
                    }
                default:
                    bytes.append(byte)
                }
            }
            return nil
        }
        guard expect(0x7b) else { return nil }
        if expect(0x7d) { return result }
        repeat {
            guard let key = string(), expect(0x3a), let value = string() else { return nil }
            result[key] = value
        } while expect(0x2c)
        guard expect(0x7d) else { return nil }
        skipSpaces()
        return utf8.isEmpty ? result : nil
    }
}
