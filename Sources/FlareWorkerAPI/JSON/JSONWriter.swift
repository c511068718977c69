import Foundation

/// Writes compact JSON by hand, for the queue broker's stored bodies and the producers that size
/// their `sendBatch` calls by them: `JSONEncoder` costs several microseconds per small object, more
/// than the SQLite insert of a whole message.
///
/// Object members are written in dictionary order (not sorted, unlike ``JSONValue/jsonData()``);
/// doubles in their shortest round-tripping form, short decimals from an exact integer mantissa.
package enum JSONWriter {
    /// The compact encoding of `value`.
    package static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(value, into: &out)
        return out
    }

    /// Appends the compact encoding of `value` to `out`.
    package static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number):
            if number < 0 { out.append(UInt8(ascii: "-")) }
            writeDigits(number.magnitude, decimals: 0, into: &out)
        case .double(let number):
            // `description` is the shortest round-tripping form and keeps a `.0`, so the value
            // parses back as a double.
            if number.isFinite {
                writeDouble(number, into: &out)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let text): writeString(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let powersOfTen: [Double] = (0...6).map { pow(10, Double($0)) }

    /// Writes `value` in decimal, with a point before the last `decimals` digits (at least one
    /// digit before the point), without intermediate strings.
    private static func writeDigits(_ value: UInt64, decimals: Int, into out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var remaining = value
            var count = 0
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0 || count <= decimals
            let start = 24 - count
            for index in start..<24 {
                if index == 24 - decimals, decimals > 0 { out.append(UInt8(ascii: ".")) }
                out.append(buffer[index])
            }
        }
    }

    /// Writes a finite double. Prices and volumes usually have a few decimals: those are written
    /// from an exact integer mantissa (checked to divide back to the same value, which is how the
    /// parser reads them); anything else uses the shortest round-tripping `description`.
    private static func writeDouble(_ number: Double, into out: inout [UInt8]) {
        if abs(number) < 1e9 {
            for decimals in 1...6 {
                let scaled = (number * powersOfTen[decimals]).rounded()
                guard abs(scaled) < 1e15, scaled / powersOfTen[decimals] == number else { continue }
                if scaled < 0 { out.append(UInt8(ascii: "-")) }
                writeDigits(UInt64(abs(scaled)), decimals: decimals, into: &out)
                return
            }
        }
        out.append(contentsOf: number.description.utf8)
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var copy = text
        let plain = copy.withUTF8 { bytes -> Bool in
            // Most keys and values need no escaping: one scan, one copy.
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
