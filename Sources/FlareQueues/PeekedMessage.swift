import FlareWorkerAPI

/// One message as `swiftflare queues peek` shows it, without consuming it.
public struct PeekedMessage: Sendable, Codable, Equatable {
    /// The message id (32 lowercase hex characters).
    public var id: String
    /// When it was sent, in ms since the epoch.
    public var timestamp: Int64
    /// `json`, `text`, `bytes` or `v8`.
    public var contentType: QueueContentType
    /// The body as JSON (`json` and `v8` bodies, and `text` as a string); `nil` for `bytes`.
    public var body: JSONValue?
    /// The body's size in bytes.
    public var size: Int
    /// Failed delivery attempts so far (the next delivery has `attempts` one higher).
    public var failedAttempts: Int
    /// When it is (or was) due for delivery, in ms since the epoch.
    public var nextDelivery: Int64
    /// Whether a consumer holds it right now.
    public var inFlight: Bool
    /// Why the last attempt failed, if it did.
    public var lastError: String?

    /// Creates a record.
    public init(
        id: String, timestamp: Int64, contentType: QueueContentType, body: JSONValue?, size: Int,
        failedAttempts: Int, nextDelivery: Int64, inFlight: Bool, lastError: String?
    ) {
        self.id = id
        self.timestamp = timestamp
        self.contentType = contentType
        self.body = body
        self.size = size
        self.failedAttempts = failedAttempts
        self.nextDelivery = nextDelivery
        self.inFlight = inFlight
        self.lastError = lastError
    }
}
