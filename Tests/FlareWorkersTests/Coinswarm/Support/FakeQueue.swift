import FlareWorkerAPI
import Synchronization

/// A logic-test fake producer binding that records each `sendBatch`/`send`, enforcing the count limit.
final class FakeQueue: Queue, Sendable {
    let sent = Mutex<[[QueueSendRequest]]>([])

    var batches: [[QueueSendRequest]] { sent.withLock { $0 } }
    var bodies: [QueueMessageBody] { batches.flatMap { $0.map(\.body) } }

    func send(_ body: QueueMessageBody, delaySeconds: Int?) async throws {
        sent.withLock { $0.append([QueueSendRequest(body: body, delaySeconds: delaySeconds)]) }
    }

    func sendBatch(_ messages: [QueueSendRequest], delaySeconds: Int?) async throws {
        guard !messages.isEmpty else {
            throw QueueError(code: .typeError, message: "sendBatch() requires at least one message")
        }
        guard messages.count <= 100 else {
            throw QueueError(code: .sendFailed, message: "Queue sendBatch failed: too many messages")
        }
        sent.withLock { $0.append(messages) }
    }

    func metrics() async throws -> QueueMetrics {
        QueueMetrics(backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: nil)
    }
}
