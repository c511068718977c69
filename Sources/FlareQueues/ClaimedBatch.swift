import FlareWorkerAPI

/// Messages leased to one delivery.
struct ClaimedBatch: Sendable {
    struct Row: Sendable {
        var seq: Int64
        var id: String
        var timestampMs: Int64
        var contentType: QueueContentType
        var body: QueueMessageBody
        var size: Int
        var failedAttempts: Int
    }

    var lease: Int64
    var queue: String
    var settings: QueueConsumerSettings
    var rows: [Row]
    var metrics: QueueMetrics
}
