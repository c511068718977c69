import FlareWorkerAPI
import Foundation

/// Serialises message bodies for storage and rebuilds them on delivery.
///
/// JSON bodies are written and parsed by hand (``JSONWriter``, ``JSONParser``): `JSONEncoder`/
/// `JSONDecoder` cost several microseconds per small object, more than the SQLite insert itself,
/// and every message of a queue goes through here twice.
enum QueueBodyCodec {
    /// The bytes stored for `body` (their length counts against the size limits).
    static func serialize(_ body: QueueMessageBody) -> [UInt8] {
        var arena = ByteArena(capacity: 256)
        serialize(body, into: &arena)
        return arena.array(0..<arena.count)
    }

    /// Appends the bytes stored for `body` to `arena`.
    static func serialize(_ body: QueueMessageBody, into arena: inout ByteArena) {
        switch body {
        case .json(let value): JSONWriter.write(value, into: &arena)
        case .text(let text):
            var copy = text
            copy.withUTF8 { arena.append(UnsafeRawBufferPointer($0)) }
        case .bytes(let data), .v8(let data): data.withUnsafeBytes { arena.append($0) }
        }
    }

    /// The body rebuilt from its stored form; a `json` body that does not parse arrives as `bytes`.
    static func deserialize(contentType: QueueContentType, bytes: [UInt8]) -> QueueMessageBody {
        StoredMessageBody.decode(contentType: contentType, bytes: bytes)
    }

    // MARK: Parsing

    /// Parses a complete JSON document, or returns `nil`.
    static func parseJSON(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { JSONParser.parseDocument($0) }
    }
}
