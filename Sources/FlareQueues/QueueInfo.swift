/// What `swiftflare queues list|info` and `GET /cdn-cgi/local/queues` show about one queue.
public struct QueueInfo: Sendable, Codable, Equatable {
    /// The queue name.
    public var name: String
    /// Messages ready for delivery (not delayed, not in flight).
    public var backlog: Int
    /// Messages handed to a consumer and not yet settled.
    public var inFlight: Int
    /// Messages waiting for a delay (send delay or retry delay) to elapse.
    public var delayed: Int
    /// Serialised bytes of every message held.
    public var bytes: Int
    /// The oldest held message's send time, in ms since the epoch.
    public var oldestMessageTimestamp: Int64?
    /// Whether delivery is paused (`swiftflare queues pause`).
    public var paused: Bool
    /// The consumer's settings, if a consumer is attached or registered.
    public var consumer: QueueConsumerSettings?
    /// The consumer's worker (script) name, if known.
    public var consumerWorker: String?
    /// Whether a consumer handler is attached in this process.
    public var consumerAttached: Bool
    /// Messages in the consumer's dead-letter queue, if one is configured.
    public var deadLetterDepth: Int?

    /// Creates an info record.
    public init(
        name: String, backlog: Int = 0, inFlight: Int = 0, delayed: Int = 0, bytes: Int = 0,
        oldestMessageTimestamp: Int64? = nil, paused: Bool = false, consumer: QueueConsumerSettings? = nil,
        consumerWorker: String? = nil, consumerAttached: Bool = false, deadLetterDepth: Int? = nil
    ) {
        self.name = name
        self.backlog = backlog
        self.inFlight = inFlight
        self.delayed = delayed
        self.bytes = bytes
        self.oldestMessageTimestamp = oldestMessageTimestamp
        self.paused = paused
        self.consumer = consumer
        self.consumerWorker = consumerWorker
        self.consumerAttached = consumerAttached
        self.deadLetterDepth = deadLetterDepth
    }

    /// Every message held: backlog, in flight and delayed.
    public var total: Int { backlog + inFlight + delayed }
}
