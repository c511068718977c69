/// A consumer's settings, as wrangler's `[[queues.consumers]]` (the runtime maps FlareConfig's
/// `QueueConsumerConfig` onto it), with Miniflare's local defaults.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/queues/configuration/configure-queues/#consumer>
public struct QueueConsumerSettings: Sendable, Codable, Equatable {
    /// `max_batch_size`: messages per batch (0...100, default 5; 0 behaves as 1).
    public var maxBatchSize: Int
    /// `max_batch_timeout`: seconds to wait for a batch to fill (0...60, default 1).
    public var maxBatchTimeout: Double
    /// `max_retries`: failed attempts before dead-lettering are `max_retries + 1` (0...100, default 2).
    public var maxRetries: Int
    /// `dead_letter_queue`: where exhausted messages go (default: dropped, with a log line).
    public var deadLetterQueue: String?
    /// `max_concurrency`: batches in flight at once (default 1; production autoscales up to 250).
    public var maxConcurrency: Int
    /// `retry_delay`: seconds before a retried message is redelivered (0...86400, default 0).
    public var retryDelay: Int

    /// Creates settings; every omitted field takes Miniflare's local default.
    public init(
        maxBatchSize: Int = 5, maxBatchTimeout: Double = 1, maxRetries: Int = 2, deadLetterQueue: String? = nil,
        maxConcurrency: Int = 1, retryDelay: Int = 0
    ) {
        self.maxBatchSize = maxBatchSize
        self.maxBatchTimeout = maxBatchTimeout
        self.maxRetries = maxRetries
        self.deadLetterQueue = deadLetterQueue
        self.maxConcurrency = maxConcurrency
        self.retryDelay = retryDelay
    }

    /// The batch size actually used (at least 1, at most 100).
    var effectiveBatchSize: Int { min(max(maxBatchSize, 1), 100) }

    /// The concurrency actually used (1...250).
    var effectiveConcurrency: Int { min(max(maxConcurrency, 1), 250) }

    /// `max_retries + 1`: the failed attempts after which a message is dead-lettered or dropped.
    var maxAttempts: Int { max(maxRetries, 0) + 1 }
}
