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
    /// Multi-row statements' SQL, per kind, table and row count (made once: they run long).
    var multiRowSQL: [MultiRowShape: String] = [:]

    /// A multi-row statement: what it does, on which table, for how many rows.
    struct MultiRowShape: Hashable {
        var insert: Bool
        var table: String
        var rows: Int
    }
}

extension LocalQueueBroker {
    /// Stores validated messages in one transaction, then wakes this queue's consumer, if any.
    nonisolated func enqueue(queue: String, batch: consuming OutgoingBatch) async throws {
        let now = clock.nowMilliseconds()
        try insert(queue: queue, batch: batch, now: now)
        guard shared.withLock({ $0.consumed.contains(queue) }) else { return }
        await enqueued(queue: queue, atMilliseconds: now, dueNow: batch.hasUndelayed)
    }

    /// The insert transaction of ``enqueue(queue:batch:)``, blocking the caller's thread.
    private nonisolated func insert(queue: String, batch: borrowing OutgoingBatch, now: Int64) throws {
        let table = try tableName(queue, create: true) ?? ""
        try HotTransaction.write(database) { db in
            // Loaded now, while the table is usually small, rather than by a full scan at the first
            // delivery after a long run of sends.
            try loadBacklog(db, queue: queue, table: table)
            // Ids and bodies are bound in place: the arena outlives every step.
            let entries = batch.entries
            try runMultiRow(db, insert: true, table: table, count: entries.count) { insert, index, first in
                let entry = entries[index]
                RawStatement.bind(insert, first, staticText: batch.arena.bytes(entry.id))
                RawStatement.bind(insert, first + 1, now)
                RawStatement.bind(insert, first + 2, staticText: entry.contentType.storedName)
                RawStatement.bind(insert, first + 3, staticBlob: batch.arena.bytes(entry.body))
                RawStatement.bind(insert, first + 4, Int64(0))
                RawStatement.bind(
                    insert, first + 5, entry.delaySeconds > 0 ? now + Int64(entry.delaySeconds) * 1000 : 0)
            }
            adjustBacklog(queue, count: batch.entries.count, bytes: batch.bodyBytes)
        }
    }

    /// Runs the multi-row ``BrokerSchema/insert(_:rows:)`` (`insert`) or ``BrokerSchema/lease(_:rows:)``
    /// for `count` rows, by statements of 100, 10 and 1 rows (at most 27 statements, usually 1).
    /// `bind` binds row `index` of all `count`, whose parameters start at `first`.
    nonisolated func runMultiRow(
        _ db: Database, insert: Bool, table: String, count: Int,
        bind: (_ statement: Statement, _ index: Int, _ first: Int32) -> Void
    ) throws {
        let columns = insert ? BrokerSchema.insertColumns : BrokerSchema.leaseColumns
        var next = 0
        while next < count {
            let rows = count - next >= 100 ? 100 : count - next >= 10 ? 10 : 1
            let statement = try db.cachedStatement(sql: multiRowSQL(insert: insert, table, rows: rows))
            for row in 0..<rows { bind(statement, next + row, Int32(row) * columns + 1) }
            try RawStatement.run(statement, db)
            next += rows
        }
    }

    /// The SQL of a ``runMultiRow(_:insert:table:count:bind:)`` statement, built once per table and
    /// row count.
    private nonisolated func multiRowSQL(insert: Bool, _ table: String, rows: Int) -> String {
        let shape = SharedState.MultiRowShape(insert: insert, table: table, rows: rows)
        if let known = shared.withLock({ $0.multiRowSQL[shape] }) { return known }
        let sql = insert ? BrokerSchema.insert(table, rows: rows) : BrokerSchema.lease(table, rows: rows)
        shared.withLock { $0.multiRowSQL[shape] = sql }
        return sql
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
            db,
            sql: "SELECT count(*), coalesce(sum(length(body)), 0) FROM \(table) WHERE \(BrokerSchema.free(table))")
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
