import FlareConfig
import FlareCron
import FlareD1
import FlareQueues
import FlareR2
import FlareWorkerAPI
import Foundation
import Logging
import Synchronization

/// The shared storage of one emulator: each D1 database, R2 bucket and queue exists once, whichever
/// workers bind it.
final class Resources: Sendable {
    private struct Storage {
        var databases: [String: LocalD1Database] = [:]
        var buckets: [String: LocalR2Bucket] = [:]
    }

    private let storage = Mutex(Storage())
    let broker: LocalQueueBroker
    let scheduler: CronScheduler
    let cronEnabled: Bool
    private let loops = Mutex<[Task<Void, Never>]>([])

    /// The open R2 buckets by storage name (a snapshot: reload may open more).
    var buckets: [String: LocalR2Bucket] { storage.withLock { $0.buckets } }
    /// The open D1 databases by storage id (a snapshot: reload may open more).
    var databases: [String: LocalD1Database] { storage.withLock { $0.databases } }

    private init(broker: LocalQueueBroker, scheduler: CronScheduler, cronEnabled: Bool) {
        self.broker = broker
        self.scheduler = scheduler
        self.cronEnabled = cronEnabled
    }

    /// Opens every resource the configs name, once each, and applies D1 migrations.
    static func open(
        configs: [WorkerConfig], options: RuntimeOptions, clock: any FlareClock, logger: Logger
    ) async throws -> Resources {
        let root = options.persistRoot
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let broker = try LocalQueueBroker(persistRoot: root, clock: clock, logger: logger)
        let scheduler = CronScheduler(persistRoot: root, clock: clock, logger: logger, catchUp: options.cronCatchUp)
        let resources = Resources(broker: broker, scheduler: scheduler, cronEnabled: options.cronEnabled)
        try await resources.openStorage(for: configs, options: options, clock: clock, logger: logger)
        return resources
    }

    /// Opens the D1 databases and R2 buckets of `configs` not open yet (applying migrations to new
    /// databases); those already open are shared as they are.
    func openStorage(for configs: [WorkerConfig], options: RuntimeOptions, clock: any FlareClock, logger: Logger)
        async throws
    {
        let root = options.persistRoot
        let open = storage.withLock { (databases: Set($0.databases.keys), buckets: Set($0.buckets.keys)) }
        var databases: [String: LocalD1Database] = [:]
        var migrationDirs: [String: (dir: String, table: String)] = [:]
        for config in configs {
            for binding in config.d1Databases
            where databases[binding.storageID] == nil && !open.databases.contains(binding.storageID) {
                databases[binding.storageID] = try LocalD1Database(
                    persistRoot: root, databaseID: binding.storageID, clock: clock, logger: logger)
                migrationDirs[binding.storageID] = (binding.migrationsDir, binding.migrationsTable)
            }
        }
        if options.applyMigrations {
            for (id, migrations) in migrationDirs.sorted(by: { $0.key < $1.key }) {
                guard let database = databases[id], FileManager.default.fileExists(atPath: migrations.dir) else {
                    continue
                }
                let applied = try await D1Migrations(
                    directory: URL(fileURLWithPath: migrations.dir), table: migrations.table
                ).apply(on: database)
                if !applied.isEmpty {
                    logger.info("Applied \(applied.count) D1 migration(s) to \(id): \(applied.joined(separator: ", "))")
                }
            }
        }
        var buckets: [String: LocalR2Bucket] = [:]
        for config in configs {
            for binding in config.r2Buckets
            where buckets[binding.storageName] == nil && !open.buckets.contains(binding.storageName) {
                buckets[binding.storageName] = try LocalR2Bucket(
                    persistRoot: root, bucketName: binding.storageName, clock: clock, logger: logger)
            }
        }
        storage.withLock { storage in
            storage.databases.merge(databases) { existing, _ in existing }
            storage.buckets.merge(buckets) { existing, _ in existing }
        }
    }

    /// The open bucket `name`, or the one `open` returns, kept open from then on (the S3
    /// endpoint's buckets are the bindings' buckets).
    func bucket(named name: String, open: () throws -> LocalR2Bucket) throws -> LocalR2Bucket {
        if let bucket = storage.withLock({ $0.buckets[name] }) { return bucket }
        let opened = try open()
        return storage.withLock { storage in
            if let existing = storage.buckets[name] { return existing }
            storage.buckets[name] = opened
            return opened
        }
    }

    /// Closes bucket `name` (before the S3 endpoint deletes it).
    func forgetBucket(_ name: String) {
        storage.withLock { _ = $0.buckets.removeValue(forKey: name) }
    }

    /// The `env` bindings of one worker.
    func bindings(for config: WorkerConfig) async throws -> [String: WorkerBinding] {
        var result: [String: WorkerBinding] = [:]
        let (databases, buckets) = storage.withLock { ($0.databases, $0.buckets) }
        for binding in config.d1Databases {
            if let database = databases[binding.storageID] { result[binding.binding] = .d1(database) }
        }
        for binding in config.r2Buckets {
            if let bucket = buckets[binding.storageName] { result[binding.binding] = .r2(bucket) }
        }
        for producer in config.queueProducers {
            result[producer.binding] = .queue(
                broker.producer(queue: producer.queue, deliveryDelay: producer.deliveryDelay))
        }
        return result
    }

    /// Attaches each worker's queue consumers and registers its cron triggers.
    func attach(hosts: [WorkerHost], logger: Logger) async throws {
        for host in hosts {
            try await attachConsumers(of: host)
            if !host.config.crons.isEmpty {
                try await scheduler.register(worker: host.name, crons: host.config.crons)
            }
        }
    }

    /// Attaches `host`'s `[[queues.consumers]]` to the broker.
    func attachConsumers(of host: WorkerHost) async throws {
        for consumer in host.config.queueConsumers {
            let settings = QueueConsumerSettings(
                maxBatchSize: consumer.maxBatchSize, maxBatchTimeout: consumer.maxBatchTimeout,
                maxRetries: consumer.maxRetries, deadLetterQueue: consumer.deadLetterQueue,
                maxConcurrency: consumer.maxConcurrency ?? 1, retryDelay: consumer.retryDelay)
            try await broker.attachConsumer(queue: consumer.queue, settings: settings, worker: host.name) { batch in
                try await host.queue(batch)
            }
        }
    }

    /// Starts the queue delivery loop and (unless disabled) the cron scheduler; they run until
    /// ``shutdown(grace:)``.
    func startLoops(emulator: Emulator) {
        let broker = self.broker
        let scheduler = self.scheduler
        loops.withLock { loops in
            guard loops.isEmpty else { return }
            loops.append(Task { await broker.run() })
            if cronEnabled {
                loops.append(
                    Task {
                        await scheduler.run { firing in
                            _ = await emulator.scheduled(
                                worker: firing.worker, cron: firing.cron, time: firing.scheduledTime)
                        }
                    })
            }
        }
    }

    /// Waits until cron has fired everything due now and the queues have delivered everything due.
    func settle() async {
        let running = loops.withLock { !$0.isEmpty }
        if running && cronEnabled { await scheduler.waitUntilIdle() }
        await broker.waitUntilIdle()
    }

    /// Lets in-flight batches finish, then stops delivery and the scheduler.
    func shutdown(grace: Duration) async {
        await broker.shutdown(grace: Double(grace.components.seconds))
        let tasks = loops.withLock { loops -> [Task<Void, Never>] in
            defer { loops = [] }
            return loops
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
