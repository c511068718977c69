import Foundation
import Testing

@testable import FlareWorkerAPI

struct JSONValueTests {
    @Test func integersSurviveWithoutPrecisionLoss() throws {
        let value = try JSONValue(parsing: #"{"big": 9007199254740993, "pi": 3.5, "s": "x", "n": null}"#)
        #expect(value["big"] == .int(9_007_199_254_740_993))
        #expect(value["pi"] == .double(3.5))
        #expect(value["n"] == .null)
        #expect(try JSONValue(parsing: value.jsonData()) == value)
    }

    /// The one-pass parser agrees with `JSONDecoder` on documents and still throws on bad ones.
    @Test func parsesWholeDocumentsInOnePass() throws {
        #expect(try JSONValue(parsing: " null ") == .null)
        #expect(
            try JSONValue(parsing: "[1, -2.25, 1e3, \"a\\n\\u00e9\", {}, []]") == [1, -2.25, 1000.0, "a\né", [:], []])
        #expect(try JSONValue(parsing: #"{"a":{"b":[true,false,null]}}"#)["a"]?["b"] == [true, false, nil])
        for bad in ["[1 2]", "{\"a\" 1}"] {
            #expect(throws: DecodingError.self) { try JSONValue(parsing: bad) }
        }
    }

    @Test func encodingIsSortedAndCompact() {
        let value: JSONValue = ["b": 1, "a": [true, nil, "x"]]
        #expect(value.jsonString() == #"{"a":[true,null,"x"],"b":1}"#)
    }

    @Test func bridgesCodable() throws {
        struct Point: Codable, Equatable {
            var symbol: String
            var price: Double
        }
        let value = try JSONValue(encoding: Point(symbol: "BTC", price: 1.5))
        #expect(value["symbol"] == "BTC")
        #expect(try value.decode(as: Point.self) == Point(symbol: "BTC", price: 1.5))
    }
}
