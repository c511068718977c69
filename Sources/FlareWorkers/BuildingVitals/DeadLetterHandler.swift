import FlareWorkerAPI
import Foundation

/// Handles `chart-processing-dlq` batches, which Cloudflare delivers to the same `queue()` handler
/// (fixes §9.11: recognised by `batch.queue`, never reprocessed as fresh jobs).
///
/// Each message's job becomes `failed` with `dead_lettered_at` set (unless it completed or was
/// cancelled), a failure record is written to R2 at `dlq/failures/<jobId>.json`, and the message is
/// acknowledged.
public struct DeadLetterHandler: Sendable {
    /// The worker's bindings and settings.
    public let env: VitalsEnvironment

    /// Creates a handler.
    public init(env: VitalsEnvironment) {
        self.env = env
    }

    /// The R2 key of a job's failure record.
    public static func recordKey(jobId: String) -> String { "dlq/failures/\(jobId).json" }

    /// Handles one dead-lettered message.
    public func process(_ message: Message) async {
        defer { message.ack() }
        guard let body = try? message.body.decode(as: JobMessage.self) else {
            env.logger.error("[DLQ] Dropping a message that is not a job: \(message.id)")
            return
        }
        let now = env.clock.now()
        let job = try? await env.jobs?.find(body.jobId)
        let error = job?.errorMessage ?? "Dead-lettered after \(env.retryPolicy.maxRetries) retries"
        do {
            _ = try await env.jobs?.recordDeadLetter(body.jobId, error: error, now: now)
        } catch {
            env.logger.error("[DLQ] Could not mark \(body.jobId) failed: \(error)")
        }
        let record: JSONValue = [
            "jobId": .string(body.jobId), "timestamp": .string(ISODate.format(now)), "messageId": .string(message.id),
            "error": .string(error), "retryCount": .int(Int64(job?.retryCount ?? env.retryPolicy.maxRetries)),
            "originalRequest": [
                "site": .string(body.site), "points": .array(body.points.map(JSONValue.string)),
                "startTime": .string(body.startTime), "endTime": .string(body.endTime),
            ],
        ]
        do {
            _ = try await env.cache?.bucket.put(
                Self.recordKey(jobId: body.jobId), .bytes(record.jsonData()),
                options: R2PutOptions(
                    httpMetadata: R2HTTPMetadata(contentType: "application/json"),
                    customMetadata: ["timestamp": ISODate.format(now)]
                )
            )
        } catch {
            env.logger.warning("[DLQ] Could not store failure record of \(body.jobId): \(error)")
        }
        env.logger.error("[DLQ] Job \(body.jobId) dead-lettered: \(error)")
    }
}
