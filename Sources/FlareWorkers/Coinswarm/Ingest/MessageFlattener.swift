import FlareWorkerAPI
import Foundation

/// Flattens queue message bodies into points (§3.3 step 2), remembering which message each came from.
///
/// Bodies may be a JSON string holding an array or an object (the Python worker's `send(json.dumps(…))`),
/// an array (legacy direct sends, and this producer's packed messages), or one object. Unlike the
/// original, nothing is dropped silently: an unparseable body or an invalid element marks its message
/// as failed, so the consumer retries it into the dead-letter queue (§8.8).
enum MessageFlattener {
    /// A valid point and the index of the message it came from.
    struct Entry: Sendable, Hashable {
        var messageIndex: Int
        var point: PricePoint
    }

    /// The flattened batch.
    struct Result: Sendable {
        /// Valid points, in message order.
        var entries: [Entry] = []
        /// The first problem of each message that had one, by message index.
        var problems: [Int: String] = [:]
        /// Every element seen, valid or not.
        var elementCount = 0
    }

    /// The JSON elements of one body.
    /// - Throws: ``PointValidationError`` `Failed to parse JSON message: …` for a body that is not JSON.
    static func elements(of body: QueueMessageBody) throws -> [JSONValue] {
        switch body {
        case .json(.string(let text)), .text(let text):
            return try spread(parse(Data(text.utf8)))
        case .json(let value):
            return spread(value)
        case .v8(let data), .bytes(let data):
            return try spread(parse(data))
        }
    }

    /// Flattens and validates every message body.
    static func flatten(_ bodies: [QueueMessageBody]) -> Result {
        var result = Result()
        for (index, body) in bodies.enumerated() {
            let values: [JSONValue]
            do {
                values = try elements(of: body)
            } catch {
                result.problems[index] = String(describing: error)
                continue
            }
            result.elementCount += values.count
            for value in values {
                do {
                    result.entries.append(Entry(messageIndex: index, point: try PricePoint(validating: value)))
                } catch {
                    if result.problems[index] == nil { result.problems[index] = "invalid point: \(error)" }
                }
            }
        }
        return result
    }

    private static func spread(_ value: JSONValue) -> [JSONValue] {
        value.arrayValue ?? [value]
    }

    private static func parse(_ data: Data) throws -> JSONValue {
        do {
            return try JSONValue(parsing: data)
        } catch {
            throw PointValidationError(
                message: "Failed to parse JSON message: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
    }
}
