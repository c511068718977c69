import Foundation

/// A queue message body with its content type, as `send(body, {contentType})` gives it.
///
/// `v8` (structured clone) has no Swift equivalent; here it carries any `Codable` value encoded
/// as JSON and is decoded back with ``decode(as:)``.
public enum QueueMessageBody: Sendable, Hashable {
    /// `contentType: "json"` (the default): a JSON value.
    case json(JSONValue)
    /// `contentType: "text"`: a string.
    case text(String)
    /// `contentType: "bytes"`: raw bytes.
    case bytes(Data)
    /// `contentType: "v8"`: a Codable value, serialised.
    case v8(Data)

    /// The content type name (`json`, `text`, `bytes`, `v8`).
    public var contentType: QueueContentType {
        switch self {
        case .json: return .json
        case .text: return .text
        case .bytes: return .bytes
        case .v8: return .v8
        }
    }

    /// A `v8` body holding `value`.
    /// - Throws: `EncodingError` when the value cannot be encoded.
    public static func codable(_ value: some Encodable) throws -> QueueMessageBody {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return .v8(try encoder.encode(value))
    }

    /// The serialised bytes, whose length counts against the 128 KB message limit.
    public var serialized: Data {
        switch self {
        case .json(let value): return value.jsonData()
        case .text(let text): return Data(text.utf8)
        case .bytes(let data): return data
        case .v8(let data): return data
        }
    }

    /// The length of the bytes the local queue broker stores for this body: what its size limits
    /// count (a `json` body compact, written by hand; the others as they are).
    package var storedByteCount: Int {
        switch self {
        case .json(let value): return JSONWriter.bytes(value).count
        case .text(let text): return text.utf8.count
        case .bytes(let data), .v8(let data): return data.count
        }
    }

    /// The body as JSON: the value for `json`, the parsed value for `v8`, a string for `text`,
    /// `nil` for `bytes`.
    public var jsonValue: JSONValue? {
        switch self {
        case .json(let value): return value
        case .text(let text): return .string(text)
        case .bytes: return nil
        case .v8(let data): return try? JSONValue(parsing: data)
        }
    }

    /// Decodes a `json` or `v8` body (or a `text` body holding JSON) into `T`.
    /// - Throws: `DecodingError` when the body does not have that shape.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        switch self {
        case .json(let value): return try decoder.decode(T.self, from: value.jsonData())
        case .text(let text): return try decoder.decode(T.self, from: Data(text.utf8))
        case .bytes(let data), .v8(let data): return try decoder.decode(T.self, from: data)
        }
    }

    /// Rebuilds a body from its content type and serialised bytes (how the broker stores it).
    /// - Throws: `DecodingError` when a `json` body is not valid JSON.
    public init(contentType: QueueContentType, serialized: Data) throws {
        switch contentType {
        case .json: self = .json(try JSONValue(parsing: serialized))
        case .text: self = .text(String(decoding: serialized, as: UTF8.self))
        case .bytes: self = .bytes(serialized)
        case .v8: self = .v8(serialized)
        }
    }
}

/// The queue message content types.
public enum QueueContentType: String, Sendable, Hashable, Codable, CaseIterable {
    /// JSON (the default since compatibility date 2024-03-18).
    case json
    /// UTF-8 text.
    case text
    /// Raw bytes.
    case bytes
    /// Structured clone; here, a Codable value.
    case v8
}
