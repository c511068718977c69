import FlareWorkerAPI

/// The producer binding of one queue (`env.queue("BINDING")`), backed by a ``LocalQueueBroker``.
///
/// Validation happens in the caller's task with Cloudflare's exact messages; an accepted
/// `sendBatch` is one SQLite transaction in the broker.
///
/// ```swift
/// let queue = broker.producer(queue: "historical-data-queue", deliveryDelay: nil)
/// try await queue.sendBatch(points.map { QueueSendRequest(body: .json($0)) })
/// ```
///
/// Cloudflare documentation: <https://developers.cloudflare.com/queues/configuration/javascript-apis/#producer>
public struct LocalQueue: Queue {
    /// The largest serialised message, in bytes (KB = 1000 B).
    public static let maxMessageBytes = 128_000
    /// The most messages one `sendBatch` may carry.
    public static let maxBatchCount = 100
    /// The largest `sendBatch` in bytes (256 KB plus Miniflare's 32 KB slack).
    public static let maxBatchBytes = 288_000
    /// The longest delivery delay, in seconds (24 hours).
    public static let maxDelaySeconds = 86_400

    /// The queue messages go to.
    public let queueName: String
    /// The producer's `delivery_delay`, used when a send gives no delay.
    public let deliveryDelay: Int?
    let broker: LocalQueueBroker

    init(broker: LocalQueueBroker, queueName: String, deliveryDelay: Int?) {
        self.broker = broker
        self.queueName = queueName
        self.deliveryDelay = deliveryDelay
    }

    /// Sends one message.
    /// - Throws: `QueueError` (`Queue send failed: message length of <n> bytes exceeds limit of 128000`,
    ///   `Queue send failed: message delay <n> is invalid: ...`).
    public func send(_ body: QueueMessageBody, delaySeconds: Int?) async throws {
        let delay = delaySeconds ?? deliveryDelay ?? 0
        var batch = OutgoingBatch(expecting: 1)
        let length = batch.append(body, delaySeconds: delay)
        if length > Self.maxMessageBytes {
            throw Self.failure("send", "message length of \(length) bytes exceeds limit of \(Self.maxMessageBytes)")
        }
        _ = try Self.validDelay(delay, call: "send")
        try await broker.enqueue(queue: queueName, batch: batch)
    }

    /// Sends up to 100 messages (288,000 bytes in all) in one transaction.
    /// - Throws: `QueueError`: `TypeError: sendBatch() requires at least one message`, or a
    ///   `Queue sendBatch failed: ...` message for the count, size and delay limits.
    public func sendBatch(_ messages: [QueueSendRequest], delaySeconds: Int?) async throws {
        if messages.isEmpty {
            throw QueueError(code: .typeError, message: "sendBatch() requires at least one message")
        }
        if messages.count > Self.maxBatchCount {
            throw Self.failure(
                "sendBatch", "batch message count of \(messages.count) exceeds limit of \(Self.maxBatchCount)")
        }
        var batch = OutgoingBatch(expecting: messages.count)
        var largest = 0
        for request in messages {
            let length = batch.append(
                request.body, delaySeconds: request.delaySeconds ?? delaySeconds ?? deliveryDelay ?? 0)
            largest = max(largest, length)
        }
        let total = batch.bodyBytes
        if largest > Self.maxMessageBytes {
            throw Self.failure(
                "sendBatch",
                "message in batch has length \(largest) bytes which exceeds single message size limit of "
                    + "\(Self.maxMessageBytes)")
        }
        if total > Self.maxBatchBytes {
            throw Self.failure("sendBatch", "batch size of \(total) bytes exceeds limit of \(Self.maxBatchBytes)")
        }
        for entry in batch.entries { _ = try Self.validDelay(entry.delaySeconds, call: "sendBatch") }
        try await broker.enqueue(queue: queueName, batch: batch)
    }

    /// Backlog figures for this queue.
    public func metrics() async throws -> QueueMetrics {
        await broker.metrics(queue: queueName)
    }

    static func failure(_ call: String, _ message: String) -> QueueError {
        QueueError(code: .sendFailed, message: "Queue \(call) failed: \(message)")
    }

    /// Checks a delay against Miniflare's schema (an integer in 0...86400).
    static func validDelay(_ delay: Int, call: String) throws -> Int {
        if delay < 0 {
            throw failure(call, "message delay \(delay) is invalid: Number must be greater than or equal to 0")
        }
        if delay > maxDelaySeconds {
            throw failure(
                call, "message delay \(delay) is invalid: Number must be less than or equal to \(maxDelaySeconds)")
        }
        return delay
    }
}
