import FlareWorkerAPI
import Logging

/// The dead-letter consumer for `historical-data-dlq`: every element of every message that arrives is
/// written to `failed_ingestions`, so nothing leaves the system unseen (§8.8).
///
/// If the rows cannot be written the handler throws and the DLQ batch is retried.
///
/// A message arrives on the dead-letter queue as a new message (its `attempts` start again at 1, as on
/// Cloudflare), so the attempts it used up come from the source queue's `max_retries`: the consumer's
/// `MAX_RETRIES` var, 3 by default as in the consumer config (§1.1).
struct DeadLetterRecorder: Sendable {
    /// `max_retries` of `historical-data-queue` (§1.1).
    static let defaultSourceMaxRetries = 3

    var database: any D1Database
    var clock: any FlareClock
    var logger: Logger
    var retry: BusyRetry
    /// The source queue's `max_retries`: every dead letter was delivered `sourceMaxRetries + 1` times.
    var sourceMaxRetries = defaultSourceMaxRetries

    /// The rows one dead-lettered message produces.
    static func failures(
        for message: Message, queue: String, now: Int64, sourceMaxRetries: Int = defaultSourceMaxRetries
    ) -> [IngestionRecorder.Failure] {
        let prefix = "dead-lettered after \(sourceMaxRetries + 1) attempts: "
        func failure(_ symbol: String, _ stamp: Int64, _ reason: String, _ raw: String, _ source: String?)
            -> IngestionRecorder.Failure
        {
            .init(
                symbol: symbol, timestamp: stamp, errorMessage: prefix + reason, retryCount: sourceMaxRetries,
                failedAt: now, rawData: raw, source: source, queue: queue, messageID: message.id)
        }
        let elements: [JSONValue]
        do {
            elements = try MessageFlattener.elements(of: message.body)
        } catch {
            let raw = String(decoding: message.body.serialized, as: UTF8.self)
            return [failure("", 0, String(describing: error), raw, nil)]
        }
        if elements.isEmpty { return [failure("", 0, "empty message", "[]", nil)] }
        return elements.map { element in
            do {
                let point = try PricePoint(validating: element)
                return failure(
                    point.symbol, point.timestamp, "point valid; its message failed to be stored",
                    element.jsonString(), point.source.rawValue)
            } catch {
                return failure(
                    element["symbol"]?.stringValue ?? "", element["timestamp"]?.int64Value ?? 0,
                    "invalid point: \(error)", element.jsonString(), element["source"]?.stringValue)
            }
        }
    }

    /// Records the batch.
    /// - Throws: `D1Error` when `failed_ingestions` cannot be written (the DLQ batch is then retried).
    func record(_ batch: MessageBatch) async throws {
        let now = Int64(clock.now().timeIntervalSince1970)
        let failures = batch.messages.flatMap {
            Self.failures(for: $0, queue: batch.queue, now: now, sourceMaxRetries: sourceMaxRetries)
        }
        try await IngestionRecorder(database: database, retry: retry).record(failures)
        logger.warning(
            "🪦 Recorded \(failures.count) dead-lettered points from \(batch.messages.count) messages in failed_ingestions"
        )
    }
}
