/// A fast reader and writer of the flat `{"k":"v",…}` objects the index stores (`checksums`,
/// `custom_metadata`, most `http_metadata`), so that `put`, `get` and `head` do not pay for a
/// `JSONEncoder` or `JSONDecoder` on every call. The reader returns `nil` for anything else, and
/// the caller falls back to `JSONDecoder`.
enum FlatJSON {
    /// `{"k":"v",…}` with keys in UTF-8 byte order, escaped as `JSONEncoder` does with
    /// `.withoutEscapingSlashes`.
    static func encode(_ pairs: [(String, String)]) -> String {
        var out: [UInt8] = [0x7b]
        for (index, (key, value)) in pairs.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }).enumerated() {
            if index > 0 { out.append(0x2c) }
            appendString(key, to: &out)
            out.append(0x3a)
            appendString(value, to: &out)
        }
        out.append(0x7d)
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5c, 0x22]
            case 0x5c: out += [0x5c, 0x5c]
            case 0x0a: out += [0x5c, UInt8(ascii: "n")]
            case 0x09: out += [0x5c, UInt8(ascii: "t")]
            case 0x0d: out += [0x5c, UInt8(ascii: "r")]
            case 0x08: out += [0x5c, UInt8(ascii: "b")]
            case 0x0c: out += [0x5c, UInt8(ascii: "f")]
            case 0..<0x20: out += [0x5c, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
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
