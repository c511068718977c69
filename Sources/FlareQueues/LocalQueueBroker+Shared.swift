import FlareSQLiteSupport
import FlareWorkerAPI
import Foundation
import GRDB
import Synchronization

/// What producers' sends share with the broker actor without entering it.
///
/// A send commits its messages on the caller's thread (the database connection serialises it with
/// the broker's own transactions) and only switches to the broker when a consumer in this process
/// must hear of it: a producer-only process pays no executor switch per `sendBatch`.
///
/// The backlog counters stay exact by one rule: a counter changes only inside the transaction that
/// changes its rows, and a counter not yet loaded is left alone (its first load, itself inside a
/// read of the database, sees every committed change).
struct SharedState {
    /// Messages held and not in flight, per queue, once loaded.
    var backlogs: [String: LocalQueueBroker.Backlog] = [:]
    /// Message table per queue name, as far as this process has looked them up.
    var tables: [String: String] = [:]
    /// Queues with a consumer attached in this process.
    var consumed: Set<String> = []
}

extension LocalQueueBroker {
    /// Stores validated messages in one transaction, then wakes this queue's consumer, if any.
    nonisolated func enqueue(queue: String, messages: [OutgoingMessage]) async throws {
        let now = clock.nowMilliseconds()
        try insert(queue: queue, messages: messages, now: now)
        guard shared.withLock({ $0.consumed.contains(queue) }) else { return }
        await enqueued(queue: queue, atMilliseconds: now, dueNow: messages.contains { $0.delaySeconds <= 0 })
    }

    /// The insert transaction of ``enqueue(queue:messages:)``, blocking the caller's thread.
    private nonisolated func insert(queue: String, messages: [OutgoingMessage], now: Int64) throws {
        let table = try tableName(queue, create: true) ?? ""
        try database.write { db in
            // Loaded now, while the table is usually small, rather than by a full scan at the first
            // delivery after a long run of sends.
            try loadBacklog(db, queue: queue, table: table)
            let insert = try db.cachedStatement(sql: BrokerSchema.insert(table))
            var bytes = 0
            for message in messages {
                RawStatement.bind(insert, 1, message.id)
                RawStatement.bind(insert, 2, message.timestampMs ?? now)
                RawStatement.bind(insert, 3, message.contentType.rawValue)
                RawStatement.bind(insert, 4, blob: message.body)
                RawStatement.bind(insert, 5, Int64(0))
                RawStatement.bind(insert, 6, message.delaySeconds > 0 ? now + Int64(message.delaySeconds) * 1000 : 0)
                try RawStatement.run(insert, db)
                bytes += message.body.count
            }
            adjustBacklog(queue, count: messages.count, bytes: bytes)
        }
    }

    /// Starts the consumer's batch timer and wakes the delivery loop after a send.
    private func enqueued(queue: String, atMilliseconds now: Int64, dueNow: Bool) {
        guard var consumer = consumers[queue] else { return }
        // Miniflare starts the batch timer when a message arrives, not when the delivery loop next
        // looks: with a manual clock that moves before the loop runs, the two differ.
        if consumer.timerStart == nil, consumer.inFlight < consumer.settings.effectiveConcurrency, dueNow {
            consumer.timerStart = Date(timeIntervalSince1970: Double(now) / 1000)
            consumers[queue] = consumer
        }
        signal()
    }

    /// The backlog counter of `queue`, loaded from the database on first use (0 for a queue that
    /// does not exist yet: its first send creates the table and loads the counter).
    nonisolated func backlog(_ queue: String) -> Backlog {
        if let known = shared.withLock({ $0.backlogs[queue] }) { return known }
        if let table = try? tableName(queue) {
            // Loaded within a read, so that no commit falls between the count and the cache.
            try? database.read { try loadBacklog($0, queue: queue, table: table) }
        }
        return shared.withLock { $0.backlogs[queue] } ?? Backlog()
    }

    /// Loads the backlog counter of `queue` from `table` if this process has not yet; call inside
    /// a transaction, before changing the rows.
    nonisolated func loadBacklog(_ db: Database, queue: String, table: String) throws {
        guard shared.withLock({ $0.backlogs[queue] == nil }) else { return }
        let row = try Row.fetchOne(
            db, sql: "SELECT count(*), coalesce(sum(length(body)), 0) FROM \(table) WHERE lease IS NULL")
        let counted = Backlog(count: row?[0] ?? 0, bytes: row?[1] ?? 0)
        shared.withLock { state in
            if state.backlogs[queue] == nil { state.backlogs[queue] = counted }
        }
    }

    /// Adds to a loaded backlog counter; call inside the transaction that changed the rows.
    nonisolated func adjustBacklog(_ queue: String, count: Int, bytes: Int) {
        shared.withLock { state in
            guard var current = state.backlogs[queue] else { return }
            current.count += count
            current.bytes += bytes
            state.backlogs[queue] = current
        }
    }

    /// Forgets what this process knows of `queue` (after its table was dropped or refilled);
    /// call inside the transaction that did it.
    nonisolated func forgetCached(_ queue: String, table: Bool = false) {
        shared.withLock { state in
            state.backlogs[queue] = nil
            if table { state.tables[queue] = nil }
        }
    }

    /// The message table of `queue`; with `create`, the queue is recorded and its table made.
    /// - Throws: a database error.
    nonisolated func tableName(_ queue: String, create: Bool = false) throws -> String? {
        if let known = shared.withLock({ $0.tables[queue] }) { return known }
        let nowMs = clock.nowMilliseconds()
        return try database.write { db -> String? in
            var table: String?
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM queues WHERE name = ?", arguments: [queue]) {
                table = BrokerSchema.table(id: id)
            } else if create {
                try db.execute(
                    sql: "INSERT INTO queues (name, created_ms) VALUES (?, ?)", arguments: [queue, nowMs])
                table = BrokerSchema.table(id: db.lastInsertedRowID)
            }
            guard let table else { return nil }
            try BrokerSchema.createTable(table, db)
            shared.withLock { $0.tables[queue] = table }
            return table
        }
    }
}
