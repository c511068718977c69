import FlareSQLiteSupport
import FlareWorkerAPI
import Foundation
import GRDB
import Logging
import Synchronization

/// The durable local queue broker: every queue of one persist root, in one SQLite database (WAL)
/// at `<persistRoot>/v3/queues/broker.sqlite`.
///
/// Accepted messages are committed before `send`/`sendBatch` return, so a restart or `kill -9`
/// loses none; messages a consumer held when the process died are redelivered on the next open
/// (at-least-once, as production), counting the interrupted delivery as a failed attempt.
///
/// ```swift
/// let broker = try LocalQueueBroker(persistRoot: root, logger: logger)
/// try await broker.attachConsumer(queue: "jobs", settings: QueueConsumerSettings(maxBatchSize: 10)) { batch in
///     for message in batch.messages { print(message.body) }
/// }
/// try await broker.producer(queue: "jobs", deliveryDelay: nil).send(.json(["id": 1]))
/// let service = Task { await broker.run() }   // or `await broker.waitUntilIdle()` in tests
/// ```
///
/// Cloudflare documentation: <https://developers.cloudflare.com/queues/>
public actor LocalQueueBroker {
    /// Its SQLite writes block (commits, checkpoints, the busy timeout): they run on a dispatch queue
    /// of its own rather than on the cooperative pool (see ``BlockingWorkExecutor``).
    private nonisolated let executor = BlockingWorkExecutor(label: "swiftflare.queues")
    /// The broker's executor (a dispatch queue, see ``BlockingWorkExecutor``).
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    /// The database file.
    public nonisolated let databaseURL: URL
    nonisolated let database: DatabaseQueue
    /// Checkpoints the WAL on a utility queue instead of inside a send's or an ack's commit.
    private let checkpointer: BackgroundCheckpointer
    nonisolated let clock: any FlareClock
    nonisolated let logger: Logger

    /// An attached consumer and its delivery state.
    struct Consumer {
        var settings: QueueConsumerSettings
        var worker: String
        var handler: @Sendable (MessageBatch) async throws -> Void
        var inFlight = 0
        /// When the batch timer started (Miniflare's pending flush), if one runs.
        var timerStart: Date?
        /// Since when the consumer could take another batch (attach, or its last batch at the limit
        /// finishing): a batch timer never starts earlier, as Miniflare's starts after the flush.
        var freeSince: Date
    }

    /// Messages held and not in flight, per queue (delayed ones included), with their bytes.
    struct Backlog {
        var count = 0
        var bytes = 0
    }

    var consumers: [String: Consumer] = [:]
    var paused: Set<String> = []
    var deliveries: [Int64: Task<Void, Never>] = [:]
    var nextLease: Int64 = 1
    var stopping = false
    var wakeContinuation: CheckedContinuation<Void, Never>?
    var wakePending = false
    /// Backlog counters, table names and consumed queues, shared with the producers' sends, which
    /// do not enter the actor (see `LocalQueueBroker+Shared.swift`).
    nonisolated let shared = Mutex(SharedState())

    /// Opens (creating if needed) the broker database under `persistRoot`.
    /// - Parameters:
    ///   - persistRoot: the persist root (`.wrangler/state` by default in the CLI).
    ///   - clock: the clock for delays, batch timeouts and timestamps.
    ///   - logger: where batch and dead-letter lines go.
    ///   - recoverInFlight: release the messages a stopped process held, for redelivery (the
    ///     runtime); `false` for tools that only inspect a database a running broker may use.
    /// - Throws: a GRDB `DatabaseError` or a file-system error when the database cannot be opened.
    public init(
        persistRoot: URL, clock: any FlareClock = SystemClock(), logger: Logger, recoverInFlight: Bool = true
    ) throws {
        let directory = persistRoot.appendingPathComponent("v3/queues", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        databaseURL = directory.appendingPathComponent("broker.sqlite")
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Debian builds SQLite with SECURE_DELETE on: every acknowledged message would be
            // overwritten with zeros before its page is reused. Not worth it for a local broker.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
        database = try DatabaseQueue(path: databaseURL.path, configuration: configuration)
        checkpointer = try BackgroundCheckpointer(database, label: "swiftflare.queues.checkpoint")
        self.clock = clock
        self.logger = logger
        let pausedNames = try database.write { db -> [String] in
            try BrokerSchema.migrate(db)
            if recoverInFlight {
                // Whatever a consumer held when the last process stopped is redelivered; the
                // interrupted delivery counts as a failed attempt.
                for id in try Int64.fetchAll(db, sql: "SELECT id FROM queues") {
                    let table = BrokerSchema.table(id: id)
                    try BrokerSchema.createTable(table, db)
                    // Held messages are in the in-flight table; version 2 marked them in `lease`.
                    try db.execute(
                        sql: """
                            UPDATE \(table) SET lease = NULL, failed_attempts = failed_attempts + 1,
                            last_error = 'delivery interrupted (broker stopped)'
                            WHERE lease IS NOT NULL OR \(BrokerSchema.held(table));
                            DELETE FROM \(BrokerSchema.inflight(table));
                            """)
                }
            }
            return try String.fetchAll(db, sql: "SELECT name FROM queues WHERE paused != 0")
        }
        paused = Set(pausedNames)
    }

    /// The producer binding for `queue`.
    /// - Parameters:
    ///   - queue: the queue name.
    ///   - deliveryDelay: the producer's `delivery_delay` in seconds, if configured.
    public nonisolated func producer(queue: String, deliveryDelay: Int?) -> any Queue {
        LocalQueue(broker: self, queueName: queue, deliveryDelay: deliveryDelay)
    }

    /// Backlog figures of `queue`, as `queue.metrics()`.
    public func metrics(queue: String) -> QueueMetrics {
        let backlog = self.backlog(queue)
        let oldest = try? tableName(queue).flatMap { table in
            try database.read { db in
                try Int64.fetchOne(db, sql: "SELECT min(timestamp_ms) FROM \(table) WHERE \(BrokerSchema.free(table))")
            }
        }
        return QueueMetrics(
            backlogCount: backlog.count, backlogBytes: backlog.bytes, oldestMessageTimestamp: oldest ?? nil)
    }
}
