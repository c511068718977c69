/// A queue producer binding (`[[queues.producers]]`).
///
/// ```swift
/// try await env.queue("HISTORICAL_DATA_QUEUE").sendBatch(points.map { QueueSendRequest(body: .json($0)) })
/// ```
///
/// Cloudflare documentation: <https://developers.cloudflare.com/queues/configuration/javascript-apis/#producer>
public protocol Queue: Sendable {
    /// Sends one message.
    /// - Parameters:
    ///   - body: the body with its content type.
    ///   - delaySeconds: a delivery delay (0...86400), overriding the producer's `delivery_delay`.
    /// - Throws: `QueueError` with Cloudflare's message (size over 128 KB, bad delay).
    func send(_ body: QueueMessageBody, delaySeconds: Int?) async throws

    /// Sends up to 100 messages (256 KB in all) at once.
    /// - Parameters:
    ///   - messages: the messages, each with an optional delay of its own.
    ///   - delaySeconds: a delay for messages that have none of their own.
    /// - Throws: `QueueError` with Cloudflare's message.
    func sendBatch(_ messages: [QueueSendRequest], delaySeconds: Int?) async throws

    /// Backlog figures, as `queue.metrics()`.
    /// - Throws: `QueueError` when the broker is unavailable.
    func metrics() async throws -> QueueMetrics
}

extension Queue {
    /// Sends one message with the producer's default delay.
    /// - Throws: `QueueError` with Cloudflare's message.
    public func send(_ body: QueueMessageBody) async throws {
        try await send(body, delaySeconds: nil)
    }

    /// Sends one JSON message holding any `Encodable` value.
    /// - Throws: `QueueError`, or `EncodingError` when the value cannot be encoded.
    public func send(json value: some Encodable, delaySeconds: Int? = nil) async throws {
        try await send(.json(try JSONValue(encoding: value)), delaySeconds: delaySeconds)
    }

    /// Sends a batch with the producer's default delay.
    /// - Throws: `QueueError` with Cloudflare's message.
    public func sendBatch(_ messages: [QueueSendRequest]) async throws {
        try await sendBatch(messages, delaySeconds: nil)
    }
}

/// One element of `sendBatch`.
public struct QueueSendRequest: Sendable, Hashable {
    /// The body with its content type.
    public var body: QueueMessageBody
    /// A delay for this message (0...86400 seconds).
    public var delaySeconds: Int?

    /// Creates a batch element.
    public init(body: QueueMessageBody, delaySeconds: Int? = nil) {
        self.body = body
        self.delaySeconds = delaySeconds
    }
}

/// `queue.metrics()` and the metadata of a `MessageBatch`.
public struct QueueMetrics: Sendable, Hashable, Codable {
    /// Messages waiting (not yet acknowledged).
    public var backlogCount: Int
    /// Their serialised size in bytes.
    public var backlogBytes: Int
    /// The oldest waiting message's enqueue time in ms since the epoch, if any.
    public var oldestMessageTimestamp: Int64?

    /// Creates metrics.
    public init(backlogCount: Int, backlogBytes: Int, oldestMessageTimestamp: Int64?) {
        self.backlogCount = backlogCount
        self.backlogBytes = backlogBytes
        self.oldestMessageTimestamp = oldestMessageTimestamp
    }
}
