/// One entry of a worker's `env`: a binding built from its wrangler config.
public enum WorkerBinding: Sendable {
    /// A D1 database (`[[d1_databases]]`).
    case d1(any D1Database)
    /// An R2 bucket (`[[r2_buckets]]`).
    case r2(any R2Bucket)
    /// A queue producer (`[[queues.producers]]`).
    case queue(any Queue)

    /// The binding kind's name as messages print it.
    public var kindName: String {
        switch self {
        case .d1: return "D1 database"
        case .r2: return "R2 bucket"
        case .queue: return "queue"
        }
    }
}
