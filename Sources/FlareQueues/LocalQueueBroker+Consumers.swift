import FlareWorkerAPI
import Foundation
import GRDB

extension LocalQueueBroker {
    /// Attaches the consumer of `queue`: its batches go to `handler` once ``run()`` (or
    /// ``waitUntilIdle()``) delivers them.
    /// - Parameters:
    ///   - queue: the queue to consume.
    ///   - settings: batching, retry, dead-letter and concurrency settings.
    ///   - worker: the consumer worker's name, for messages and inspection.
    ///   - handler: receives each batch; returning acks, throwing retries (explicit calls win).
    /// - Throws: `QueueError` (`.configuration`) with Miniflare's messages:
    ///   `Multiple consumers defined for queue "<q>": "<a>" and "<b>"`,
    ///   `Dead letter queue for queue "<q>" cannot be itself`.
    public func attachConsumer(
        queue: String, settings: QueueConsumerSettings, worker: String = "consumer",
        handler: @escaping @Sendable (MessageBatch) async throws -> Void
    ) throws {
        if let existing = consumers[queue] {
            throw QueueError(
                code: .configuration,
                message: "Multiple consumers defined for queue \"\(queue)\": \"\(existing.worker)\" and \"\(worker)\"")
        }
        try Self.checkDeadLetter(queue: queue, settings: settings)
        try saveConsumer(queue: queue, settings: settings, worker: worker)
        consumers[queue] = Consumer(settings: settings, worker: worker, handler: handler, freeSince: clock.now())
        shared.withLock { _ = $0.consumed.insert(queue) }
        signal()
    }

    /// Detaches the consumer of `queue`; batches in flight still finish. Its messages stay.
    public func detachConsumer(queue: String) {
        consumers[queue] = nil
        shared.withLock { _ = $0.consumed.remove(queue) }
    }

    /// Registers consumer settings without a handler (`swiftflare queues consumer add`).
    /// - Throws: `QueueError` for a queue that is its own dead-letter queue; a database error.
    public func registerConsumer(queue: String, settings: QueueConsumerSettings, worker: String?) throws {
        try Self.checkDeadLetter(queue: queue, settings: settings)
        try saveConsumer(queue: queue, settings: settings, worker: worker)
    }

    /// Removes registered consumer settings (`swiftflare queues consumer remove`).
    /// - Returns: whether settings were registered.
    /// - Throws: a database error.
    @discardableResult
    public func unregisterConsumer(queue: String) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM consumers WHERE queue = ?", arguments: [queue])
            return db.changesCount > 0
        }
    }

    /// The registered consumer settings of every queue (attached consumers included).
    /// - Throws: a database error.
    public func registeredConsumers() throws -> [String: (settings: QueueConsumerSettings, worker: String?)] {
        let rows = try database.read { db in try Row.fetchAll(db, sql: "SELECT queue, worker, settings FROM consumers")
        }
        var result: [String: (settings: QueueConsumerSettings, worker: String?)] = [:]
        for row in rows {
            let json: String = row["settings"]
            guard let settings = try? JSONDecoder().decode(QueueConsumerSettings.self, from: Data(json.utf8)) else {
                continue
            }
            result[row["queue"]] = (settings, row["worker"])
        }
        for (queue, consumer) in consumers { result[queue] = (consumer.settings, consumer.worker) }
        return result
    }

    static func checkDeadLetter(queue: String, settings: QueueConsumerSettings) throws {
        if settings.deadLetterQueue == queue {
            throw QueueError(code: .configuration, message: "Dead letter queue for queue \"\(queue)\" cannot be itself")
        }
    }

    private func saveConsumer(queue: String, settings: QueueConsumerSettings, worker: String?) throws {
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO consumers (queue, worker, settings) VALUES (?, ?, ?)",
                arguments: [queue, worker, json])
        }
    }
}
