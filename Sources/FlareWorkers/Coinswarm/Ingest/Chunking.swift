import FlareWorkerAPI

/// Splitting work into the sizes Cloudflare allows.
enum Chunking {
    /// Statements per D1 `batch()` and points per queue message (the original's `chunkArray(…, 100)`).
    static let chunkSize = 100
    /// Messages per `sendBatch` (`MAX_MESSAGE_BATCH_COUNT`).
    static let maxBatchCount = 100
    /// Bytes per `sendBatch`: 256 KB (KB = 1000 bytes); Cloudflare allows 32 KB of slack above it.
    static let maxBatchBytes = 256_000

    /// `array` in consecutive chunks of at most `size` elements (none for an empty array).
    static func chunks<T>(_ array: [T], size: Int = chunkSize) -> [[T]] {
        precondition(size > 0, "chunk size must be positive")
        return stride(from: 0, to: array.count, by: size).map { Array(array[$0..<min($0 + size, array.count)]) }
    }

    /// Groups messages into `sendBatch` calls of at most ``maxBatchCount`` messages and
    /// ``maxBatchBytes`` serialised bytes, keeping order.
    static func sendBatches(
        _ requests: [QueueSendRequest], maxCount: Int = maxBatchCount, maxBytes: Int = maxBatchBytes
    ) -> [[QueueSendRequest]] {
        var batches: [[QueueSendRequest]] = []
        var current: [QueueSendRequest] = []
        var bytes = 0
        for request in requests {
            // The broker's own byte count (`serialized` goes through JSONEncoder, far slower).
            let size = request.body.storedByteCount
            if !current.isEmpty && (current.count == maxCount || bytes + size > maxBytes) {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(request)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
