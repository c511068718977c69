import Dispatch

/// A serial executor on a dispatch queue of its own, for actors whose methods block on disk I/O,
/// `fsync` or synchronous SQLite calls (the R2 bucket, the queue broker).
///
/// Swift's cooperative pool has one thread per core (two on the reference machine). An actor on it
/// that waits seconds for an `fdatasync` under heavy disk load, or for SQLite's busy timeout,
/// holds one of those threads, and every other task in the process (HTTP handlers, consumers,
/// cron) waits with it. Dispatch's overcommitting queues start another thread instead.
///
/// ```swift
/// public actor Store {
///     private nonisolated let executor = BlockingWorkExecutor(label: "swiftflare.store")
///     public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
/// }
/// ```
package final class BlockingWorkExecutor: SerialExecutor {
    private let queue: DispatchQueue

    /// Creates the executor and its serial queue, named `label` (as shown in stack traces).
    package init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `job` on the queue.
    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    /// This executor, as actors name theirs.
    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
