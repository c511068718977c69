import FlareWorkerAPI

/// Retries as documented: three, after 1 s, 2 s and 4 s, through the queue's own `retry`
/// (fixes §9.10: no re-send beside the platform retry, and seconds, not 1000 s).
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt; must equal the consumer's `max_retries` (3).
    public var maxRetries: Int
    /// The first delay in seconds; each further one doubles.
    public var baseDelaySeconds: Int

    /// Creates the documented policy unless told otherwise.
    public init(maxRetries: Int = 3, baseDelaySeconds: Int = 1) {
        self.maxRetries = maxRetries
        self.baseDelaySeconds = baseDelaySeconds
    }

    /// The delay before redelivering after failed attempt `attempt` (1-based): 1, 2, 4 s.
    public func delaySeconds(afterAttempt attempt: Int) -> Int {
        baseDelaySeconds << max(0, min(attempt - 1, 16))
    }

    /// Whether a failure of attempt `attempt` (1-based, `message.attempts`) is retried; after the last
    /// one the platform moves the message to the dead-letter queue.
    public func retries(afterAttempt attempt: Int) -> Bool {
        attempt <= maxRetries
    }
}
