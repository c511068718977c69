import FlareWorkerAPI
import Foundation

/// A test-only queue producer that records what is sent (and can be told to fail). Until the
/// real `LocalQueueBroker` is merged.
actor VitalsFakeQueue: Queue {
    struct Sent: Sendable {
        var body: QueueMessageBody
        var delaySeconds: Int?
    }

    private(set) var sent: [Sent] = []
    var failure: QueueError?

    func send(_ body: QueueMessageBody, delaySeconds: Int?) async throws {
        if let failure { throw failure }
        let length = body.serialized.count
        if length > 128_000 {
            throw QueueError(
                code: .sendFailed,
                message: "Queue send failed: message length of \(length) bytes exceeds limit of 128000"
            )
        }
        sent.append(Sent(body: body, delaySeconds: delaySeconds))
    }

    func sendBatch(_ messages: [QueueSendRequest], delaySeconds: Int?) async throws {
        for message in messages { try await send(message.body, delaySeconds: message.delaySeconds ?? delaySeconds) }
    }

    func metrics() async throws -> QueueMetrics {
        QueueMetrics(backlogCount: sent.count, backlogBytes: 0, oldestMessageTimestamp: nil)
    }

    func fail(with error: QueueError?) { failure = error }
}
