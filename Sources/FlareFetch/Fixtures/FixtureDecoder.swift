import FlareWorkerAPI
import Foundation

/// Reads fixture files fast: Foundation's `JSONSerialization` for the small request/response
/// fields, and a byte scanner that slices a `{"json": ...}` body out of the file as is, so large
/// bodies are never decoded into `JSONValue`s (replay sends the JSON text as written in the file).
enum FixtureDecoder {
    static func decode(_ data: Data) throws -> FixtureExchange {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let request = root["request"] as? [String: Any], let response = root["response"] as? [String: Any]
        else { throw problem("expected an object with request and response") }
        let bytes = [UInt8](data)
        guard let method = request["method"] as? String, let url = request["url"] as? String else {
            throw problem("request needs method and url")
        }
        guard let status = response["status"] as? Int else { throw problem("response needs a status") }
        return FixtureExchange(
            comment: root["comment"] as? String,
            request: FixtureRequest(
                method: method, url: url, headers: try headers(request["headers"]),
                body: try body(request["body"], bytes: bytes, side: "request"),
                matchBody: request["matchBody"] as? Bool, ignoreQuery: request["ignoreQuery"] as? [String]),
            response: FixtureResponse(
                status: status, statusText: response["statusText"] as? String,
                headers: try headers(response["headers"]),
                body: try body(response["body"], bytes: bytes, side: "response")))
    }

    private static func problem(_ text: String) -> FetchError {
        FetchError(code: .invalidRequest, message: text)
    }

    private static func headers(_ value: Any?) throws -> [String: String]? {
        guard let value else { return nil }
        guard let headers = value as? [String: String] else { throw problem("headers must map names to strings") }
        return headers
    }

    private static func body(_ value: Any?, bytes: [UInt8], side: String) throws -> FixtureBody? {
        guard let value, !(value is NSNull) else { return nil }
        guard let fields = value as? [String: Any] else { throw problem("\(side).body must be an object") }
        var body = FixtureBody(text: fields["text"] as? String, base64: fields["base64"] as? String)
        if fields["json"] != nil {
            var scanner = JSONScanner(bytes: bytes)
            guard let range = try scanner.find(path: [side, "body", "json"]) else {
                throw problem("\(side).body.json not found")
            }
            body.rawJSON = Data(bytes[range])
        }
        return body
    }
}

/// Finds the byte range of a value by key path without decoding anything else.
private struct JSONScanner {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func find(path: ArraySlice<String>) throws -> Range<Int>? {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        while true {
            skipSpace()
            guard index < bytes.count else { throw FetchError(code: .invalidRequest, message: "truncated JSON") }
            if bytes[index] == UInt8(ascii: "}") { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            let key = try string()
            skipSpace()
            index += 1  // ':'
            skipSpace()
            if let first = path.first, bytes[key].elementsEqual(first.utf8) {
                if path.count == 1 {
                    let start = index
                    try skipValue()
                    return start..<index
                }
                return try find(path: path.dropFirst())
            }
            try skipValue()
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    /// Skips a string at `index` and returns the range of its raw content.
    private mutating func string() throws -> Range<Int> {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index < bytes.count else { throw FetchError(code: .invalidRequest, message: "truncated JSON") }
        index += 1
        return start..<(index - 1)
    }

    private mutating func skipValue() throws {
        var depth = 0
        repeat {
            guard index < bytes.count else { throw FetchError(code: .invalidRequest, message: "truncated JSON") }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                _ = try string()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return }
            default:
                break
            }
            index += 1
        } while depth > 0 || (index < bytes.count && !Self.endsScalar(bytes[index]))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || isSpace(byte)
    }
}
