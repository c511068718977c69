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
    /// The body as sent (decoded from its stored form on first access).
    public var body: QueueMessageBody { storage.body }
    /// Delivery attempts, 1 on the first delivery.
    public let attempts: Int
    let outcomes: MessageOutcomes
    private let storage: StoredMessageBody

    /// Creates a message recording its `ack`/`retry` in `outcomes`.
    public init(id: String, timestamp: Date, body: QueueMessageBody, attempts: Int, outcomes: MessageOutcomes) {
        self.id = id
        self.timestamp = timestamp
        self.storage = StoredMessageBody(body)
        self.attempts = attempts
        self.outcomes = outcomes
    }

    /// Creates a message whose body is decoded from its stored bytes only when a handler reads it
    /// (a consumer that acks by id never pays for parsing).
    package init(
        id: String, timestamp: Date, contentType: QueueContentType, storedBody: [UInt8], attempts: Int,
        outcomes: MessageOutcomes
    ) {
        self.id = id
        self.timestamp = timestamp
        self.storage = StoredMessageBody(contentType: contentType, bytes: storedBody)
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
