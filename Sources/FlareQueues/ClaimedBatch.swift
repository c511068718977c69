import FlareWorkerAPI

/// Messages leased to one delivery.
struct ClaimedBatch: Sendable {
    struct Row: Sendable {
        var seq: Int64
        var id: String
        var timestampMs: Int64
        var contentType: QueueContentType
        /// The stored bytes: decoded in the delivery task, off the broker's actor, so that parsing
        /// a batch overlaps with sends and other deliveries instead of holding the broker.
        var body: [UInt8]
        var size: Int
        var failedAttempts: Int
    }

    var lease: Int64
    var queue: String
    var settings: QueueConsumerSettings
    var rows: [Row]
    var metrics: QueueMetrics
}
