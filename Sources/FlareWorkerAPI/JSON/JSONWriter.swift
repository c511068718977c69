import Foundation

/// Writes compact JSON by hand, for the queue broker's stored bodies and the producers that size
/// their `sendBatch` calls by them: `JSONEncoder` costs several microseconds per small object, more
/// than the SQLite insert of a whole message.
///
/// It writes into a ``ByteArena`` through a raw pointer, room reserved once per scalar rather than
/// checked per byte: a `HistoricalDataPoint` takes about a third of a microsecond.
///
/// Object members are written in dictionary order (not sorted, unlike ``JSONValue/jsonData()``);
/// doubles in their shortest round-tripping form, short decimals from an exact integer mantissa.
package enum JSONWriter {
    /// The compact encoding of `value`.
    package static func bytes(_ value: JSONValue) -> [UInt8] {
        var arena = ByteArena(capacity: 256)
        write(value, into: &arena)
        return arena.array(0..<arena.count)
    }

    /// Appends the compact encoding of `value` to `out`.
    package static func write(_ value: JSONValue, into out: inout [UInt8]) {
        var arena = ByteArena(capacity: 256)
        write(value, into: &arena)
        out.append(contentsOf: UnsafeBufferPointer(start: arena.base, count: arena.count))
    }

    /// Appends the compact encoding of `value` to `arena`.
    package static func write(_ value: JSONValue, into arena: inout ByteArena) {
        switch value {
        case .null: arena.append("null")
        case .bool(let flag): arena.append(flag ? "true" : "false")
        case .int(let number):
            arena.reserve(21)
            if number < 0 { arena.appendUnchecked(UInt8(ascii: "-")) }
            writeDigits(number.magnitude, decimals: 0, into: &arena)
        case .double(let number):
            if number.isFinite {
                writeDouble(number, into: &arena)
            } else {
                arena.append("null")
            }
        case .string(let text): writeString(text, into: &arena)
        case .array(let items):
            arena.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { arena.append(UInt8(ascii: ",")) }
                first = false
                write(item, into: &arena)
            }
            arena.append(UInt8(ascii: "]"))
        case .object(let members):
            arena.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in members {
                if !first { arena.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &arena)
                arena.append(UInt8(ascii: ":"))
                write(item, into: &arena)
            }
            arena.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"
    private static let powersOfTen: (Double, Double, Double, Double, Double, Double) = (
        1e1, 1e2, 1e3, 1e4, 1e5, 1e6
    )

    /// Writes `value` in decimal, with a point before the last `decimals` digits (at least one
    /// digit before the point), without intermediate strings. The caller reserves 21 bytes.
    @inline(__always)
    private static func writeDigits(_ value: UInt64, decimals: Int, into arena: inout ByteArena) {
        var digits = 1
        var bound: UInt64 = 10
        while digits < 20, value >= bound {
            digits += 1
            bound = bound &* 10
        }
        let width = max(digits, decimals + 1) + (decimals > 0 ? 1 : 0)
        arena.append(count: width) { out in
            var remaining = value
            var index = width - 1
            var written = 0
            while index >= 0 {
                if decimals > 0, written == decimals {
                    out[index] = UInt8(ascii: ".")
                    index -= 1
                    written += 1
                    continue
                }
                out[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
                index -= 1
                written += 1
            }
        }
    }

    /// Writes a finite double. Prices and volumes usually have a few decimals: those are written
    /// from an exact integer mantissa (checked to divide back to the same value, which is how the
    /// parser reads them); anything else uses the shortest round-tripping `description`, which
    /// keeps a `.0` so that the value parses back as a double.
    private static func writeDouble(_ number: Double, into arena: inout ByteArena) {
        if abs(number) < 1e9 {
            for decimals in 1...6 {
                let power = powerOfTen(decimals)
                let scaled = (number * power).rounded()
                guard abs(scaled) < 1e15, scaled / power == number else { continue }
                arena.reserve(22)
                if scaled < 0 { arena.appendUnchecked(UInt8(ascii: "-")) }
                writeDigits(UInt64(abs(scaled)), decimals: decimals, into: &arena)
                return
            }
        }
        arena.append(atMost: 40) { room in
            var text = ASCIICapture(room: room)
            number.write(to: &text)
            return text.count
        }
    }

    @inline(__always)
    private static func powerOfTen(_ decimals: Int) -> Double {
        switch decimals {
        case 1: return powersOfTen.0
        case 2: return powersOfTen.1
        case 3: return powersOfTen.2
        case 4: return powersOfTen.3
        case 5: return powersOfTen.4
        default: return powersOfTen.5
        }
    }

    private static func writeString(_ text: String, into arena: inout ByteArena) {
        var copy = text
        copy.withUTF8 { bytes in
            // Most keys and values need no escaping: one scan, one copy.
            var plain = true
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                plain = false
                break
            }
            if plain {
                arena.reserve(bytes.count + 2)
                arena.appendUnchecked(UInt8(ascii: "\""))
                arena.append(UnsafeRawBufferPointer(bytes))
                arena.appendUnchecked(UInt8(ascii: "\""))
            } else {
                writeEscaped(bytes, into: &arena)
            }
        }
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into arena: inout ByteArena) {
        // At most six bytes per input byte (`\u00XX`), plus the quotes.
        arena.reserve(bytes.count * 6 + 2)
        arena.appendUnchecked(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                arena.appendUnchecked(UInt8(ascii: "\\"))
                arena.appendUnchecked(byte)
            case UInt8(ascii: "\n"):
                arena.appendUnchecked(UInt8(ascii: "\\"))
                arena.appendUnchecked(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"):
                arena.appendUnchecked(UInt8(ascii: "\\"))
                arena.appendUnchecked(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"):
                arena.appendUnchecked(UInt8(ascii: "\\"))
                arena.appendUnchecked(UInt8(ascii: "t"))
            case 0..<0x20:
                for escape in "\\u00".utf8 { arena.appendUnchecked(escape) }
                arena.appendUnchecked(hexDigits.utf8Start[Int(byte >> 4)])
                arena.appendUnchecked(hexDigits.utf8Start[Int(byte & 0xF)])
            default: arena.appendUnchecked(byte)
            }
        }
        arena.appendUnchecked(UInt8(ascii: "\""))
    }
}

/// Catches the text of a `Double.write(to:)` (the shortest round-tripping form, which the standard
/// library hands over as ASCII from a stack buffer) in reserved arena room, without a `String`.
private struct ASCIICapture: TextOutputStream {
    let room: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    init(room: UnsafeMutableBufferPointer<UInt8>) { self.room = room }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        for byte in buffer where count < room.count {
            room[count] = byte
            count += 1
        }
    }

    mutating func write(_ string: String) {
        for byte in string.utf8 where count < room.count {
            room[count] = byte
            count += 1
        }
    }
}
