import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareQueues

struct QueueBodyCodecTests {
    @Test(arguments: [
        "0", "-12", "12345678901234567", "9223372036854775807", "0.1", "-0.5", "3.0", "40000.125", "1234.5678",
        "1e300", "2.5E-3", "0.123456789012345678", "-9007199254740993.5",
    ])
    func numbersParseAsTheStandardLibraryDoes(_ text: String) throws {
        let parsed = try #require(QueueBodyCodec.parseJSON(Array(text.utf8)))
        if let integer = Int64(text) {
            #expect(parsed == .int(integer))
        } else {
            #expect(parsed == .double(try #require(Double(text))))
        }
    }

    @Test func serialisedJSONParsesBackToTheSameValue() throws {
        let value: JSONValue = [
            "s": "a\"b\\c\n\u{7}é🚀", "d": 43_000.5, "i": -3, "b": false, "n": nil, "a": [1, [2.25], ["k": "v"]],
        ]
        let bytes = QueueBodyCodec.serialize(.json(value))
        #expect(QueueBodyCodec.parseJSON(bytes) == value)
        #expect(try JSONValue(parsing: Data(bytes)) == value)
        #expect(QueueBodyCodec.parseJSON(Array("{\"a\":1,}".utf8)) == nil)
        #expect(QueueBodyCodec.parseJSON(Array("[1 2]".utf8)) == nil)
        #expect(QueueBodyCodec.parseJSON(Array("\"\\u00e9\\ud83d\\ude80\"".utf8)) == .string("é🚀"))
    }
}

struct QueueBodyDoubleTests {
    @Test(arguments: [
        0.5, -0.25, 40_000.125, 1234.5678, 0.1, 0.3, 1e-7, 123_456_789.123, -0.000001, 2.0, 1e20, 0.1 + 0.2, -3.5e-5,
    ])
    func doublesRoundTrip(_ value: Double) throws {
        let bytes = QueueBodyCodec.serialize(.json(.double(value)))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(Double(text) == value, "\(text)")
        #expect(QueueBodyCodec.parseJSON(bytes) == .double(value), "\(text)")
    }
}

struct QueueBodyWriterTests {
    /// Sums that land between short decimals take the standard library's shortest form.
    @Test func computedDoublesRoundTrip() throws {
        for index in 0..<2_000 {
            let value = 1234.5678 + Double(index) * 0.37
            let bytes = QueueBodyCodec.serialize(.json(.double(value)))
            #expect(Double(String(decoding: bytes, as: UTF8.self)) == value)
        }
    }

    /// Values far larger than the arena's first allocation, escaped or not.
    @Test func largeValuesGrowTheArena() throws {
        let plain = String(repeating: "abc", count: 50_000)
        let escaped = String(repeating: "\"\u{1}\n", count: 20_000)
        let value: JSONValue = [
            "plain": .string(plain), "escaped": .string(escaped), "list": .array((0..<5_000).map { .int($0) }),
        ]
        let bytes = QueueBodyCodec.serialize(.json(value))
        #expect(QueueBodyCodec.parseJSON(bytes) == value)
        #expect(bytes.count > 150_000 + 20_000 * 10)
    }
}
