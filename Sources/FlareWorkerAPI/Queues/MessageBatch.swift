import Foundation

/// A batch of messages delivered to a `queue` handler.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/queues/configuration/javascript-apis/#messagebatch>
public struct MessageBatch: Sendable {
    /// The queue the batch came from.
    public let queue: String
    /// The messages.
    public let messages: [Message]
    /// Backlog figures when the batch was delivered.
    public let metrics: QueueMetrics
    /// Where `ack`/`retry` calls are recorded; the broker reads it after the handler returns.
    public let outcomes: MessageOutcomes

    /// Creates a batch; `messages` must share `outcomes`.
    public init(queue: String, messages: [Message], metrics: QueueMetrics, outcomes: MessageOutcomes) {
        self.queue = queue
        self.messages = messages
        self.metrics = metrics
        self.outcomes = outcomes
    }

    /// Acknowledges every message (unless individually retried).
    public func ackAll() {
        outcomes.ackAll()
    }

    /// Retries every message (unless individually acknowledged).
    /// - Parameter delaySeconds: the delay before redelivery (default: the consumer's `retry_delay`).
    public func retryAll(delaySeconds: Int? = nil) {
        outcomes.retryAll(delaySeconds: delaySeconds)
    }
}

/// One delivered message.
public struct Message: Sendable {
    /// 32 lowercase hex characters.
    public let id: String
    /// When it was sent.
    public let timestamp: Date
    /// The body as sent.
    public let body: QueueMessageBody
    /// Delivery attempts, 1 on the first delivery.
    public let attempts: Int
    let outcomes: MessageOutcomes

    /// Creates a message recording its `ack`/`retry` in `outcomes`.
    public init(id: String, timestamp: Date, body: QueueMessageBody, attempts: Int, outcomes: MessageOutcomes) {
        self.id = id
        self.timestamp = timestamp
        self.body = body
        self.attempts = attempts
        self.outcomes = outcomes
    }

    /// Acknowledges this message: it will not be redelivered, whatever the batch outcome.
    public func ack() {
        outcomes.ack(id)
    }

    /// Retries this message, whatever the batch outcome.
    /// - Parameter delaySeconds: the delay before redelivery (default: the consumer's `retry_delay`).
    public func retry(delaySeconds: Int? = nil) {
        outcomes.retry(id, delaySeconds: delaySeconds)
    }
}
