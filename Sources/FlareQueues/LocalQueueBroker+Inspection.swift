import FlareWorkerAPI
import Foundation
import GRDB

extension LocalQueueBroker {
    /// Every known queue (created, with a consumer, or holding messages), sorted by name.
    /// - Throws: a database error.
    public func listQueues() throws -> [QueueInfo] {
        let nowMs = clock.nowMilliseconds()
        let registered = try registeredConsumers()
        let (counts, created) = try database.read { db -> ([String: QueueInfo], [String]) in
            var counts: [String: QueueInfo] = [:]
            var names: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT name, id FROM queues") {
                let name: String = row[0]
                names.append(name)
                let table = BrokerSchema.table(id: row[1])
                guard try db.tableExists(table) else { continue }
                guard
                    let counted = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT coalesce(sum(visible_at_ms <= ?1 AND \(BrokerSchema.free(table))), 0),
                                coalesce(sum(\(BrokerSchema.held(table))), 0),
                                coalesce(sum(visible_at_ms > ?1 AND \(BrokerSchema.free(table))), 0),
                                coalesce(sum(length(body)), 0), min(timestamp_ms)
                            FROM \(table)
                            """, arguments: [nowMs])
                else { continue }
                counts[name] = QueueInfo(
                    name: name, backlog: counted[0], inFlight: counted[1], delayed: counted[2], bytes: counted[3],
                    oldestMessageTimestamp: counted[4])
            }
            return (counts, names)
        }
        let names = Set(counts.keys).union(created).union(registered.keys)
        return names.sorted().map { name in
            var info = counts[name] ?? QueueInfo(name: name)
            info.paused = paused.contains(name)
            if let consumer = registered[name] {
                info.consumer = consumer.settings
                info.consumerWorker = consumer.worker
                if let dlq = consumer.settings.deadLetterQueue { info.deadLetterDepth = counts[dlq]?.total ?? 0 }
            }
            info.consumerAttached = consumers[name] != nil
            return info
        }
    }

    /// One queue's figures and consumer settings.
    /// - Throws: `QueueError` (`Queue "<q>" does not exist.`) or a database error.
    public func info(queue: String) throws -> QueueInfo {
        guard let info = try listQueues().first(where: { $0.name == queue }) else { throw Self.unknown(queue) }
        return info
    }

    /// Creates an empty queue (`swiftflare queues create`).
    /// - Throws: `QueueError` (`Queue "<q>" already exists.`) or a database error.
    public func createQueue(_ queue: String) throws {
        if try tableName(queue) != nil {
            throw QueueError(code: .configuration, message: "Queue \"\(queue)\" already exists.")
        }
        _ = try tableName(queue, create: true)
    }

    /// Deletes a queue with its messages and registered consumer.
    /// - Returns: the messages deleted.
    /// - Throws: `QueueError` for an unknown queue, or a database error.
    @discardableResult
    public func deleteQueue(_ queue: String) throws -> Int {
        _ = try info(queue: queue)
        let table = try tableName(queue)
        consumers[queue] = nil
        paused.remove(queue)
        return try database.write { db in
            forgetCached(queue, table: true)
            shared.withLock { _ = $0.consumed.remove(queue) }
            var deleted = 0
            if let table {
                deleted = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
                try db.execute(sql: "DROP TABLE IF EXISTS \(BrokerSchema.inflight(table))")
            }
            try db.execute(sql: "DELETE FROM queues WHERE name = ?", arguments: [queue])
            try db.execute(sql: "DELETE FROM consumers WHERE queue = ?", arguments: [queue])
            return deleted
        }
    }

    /// The first `limit` messages of `queue` in delivery order, without consuming them.
    /// - Throws: a database error.
    public func peek(queue: String, limit: Int = 10) throws -> [PeekedMessage] {
        guard let table = try tableName(queue) else { return [] }
        let nowMs = clock.nowMilliseconds()
        return try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, timestamp_ms, content_type, body, failed_attempts,
                        max(visible_at_ms, timestamp_ms), \(BrokerSchema.held(table)), last_error
                    FROM \(table) ORDER BY CASE WHEN visible_at_ms <= ?1 THEN 0 ELSE visible_at_ms END, seq LIMIT ?2
                    """, arguments: [nowMs, max(limit, 0)]
            ).map { row in
                let type = QueueContentType(rawValue: row[2]) ?? .bytes
                let bytes = [UInt8]((row[3] as Data?) ?? Data())
                return PeekedMessage(
                    id: row[0], timestamp: row[1], contentType: type,
                    body: QueueBodyCodec.deserialize(contentType: type, bytes: bytes).jsonValue, size: bytes.count,
                    failedAttempts: row[4], nextDelivery: row[5], inFlight: row[6] as Bool,
                    lastError: row[7])
            }
        }
    }

    /// Deletes every message of `queue` that no consumer holds right now.
    /// - Returns: the messages deleted.
    /// - Throws: a database error.
    @discardableResult
    public func purge(queue: String) throws -> Int {
        guard let table = try tableName(queue) else { return 0 }
        let deleted = try database.write { db in
            try db.execute(sql: "DELETE FROM \(table) WHERE \(BrokerSchema.free(table))")
            shared.withLock { $0.backlogs[queue] = Backlog() }
            return db.changesCount
        }
        consumers[queue]?.timerStart = nil
        return deleted
    }

    /// Pauses delivery from `queue` (persisted; sends are still accepted).
    /// - Throws: a database error.
    public func pause(queue: String) throws {
        try setPaused(queue, true)
    }

    /// Resumes delivery from `queue`.
    /// - Throws: a database error.
    public func resume(queue: String) throws {
        try setPaused(queue, false)
        signal()
    }

    private func setPaused(_ queue: String, _ value: Bool) throws {
        _ = try tableName(queue, create: true)
        try database.write { db in
            try db.execute(sql: "UPDATE queues SET paused = ? WHERE name = ?", arguments: [value, queue])
        }
        if value { paused.insert(queue) } else { paused.remove(queue) }
    }

    /// Moves every message of dead-letter queue `deadLetterQueue` back to `target`, or to the
    /// queue whose consumer names it as its DLQ, with attempts reset and due at once.
    /// - Returns: the messages moved and where to.
    /// - Throws: `QueueError` when no single source queue is known and `target` is `nil`.
    @discardableResult
    public func redrive(deadLetterQueue: String, to target: String? = nil) throws -> (moved: Int, queue: String) {
        let destination: String
        if let target {
            destination = target
        } else {
            let sources = try registeredConsumers().filter { $0.value.settings.deadLetterQueue == deadLetterQueue }
            guard sources.count == 1, let source = sources.keys.first else {
                throw QueueError(
                    code: .configuration,
                    message: sources.isEmpty
                        ? "No queue uses \"\(deadLetterQueue)\" as its dead letter queue; pass --to <queue>."
                        : "Several queues use \"\(deadLetterQueue)\" as their dead letter queue; pass --to <queue>.")
            }
            destination = source
        }
        guard let source = try tableName(deadLetterQueue) else { return (0, destination) }
        let target = try tableName(destination, create: true) ?? ""
        let moved = try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO \(target) (id, timestamp_ms, content_type, body, failed_attempts, visible_at_ms)
                    SELECT id, timestamp_ms, content_type, body, 0, 0 FROM \(source)
                    WHERE \(BrokerSchema.free(source)) ORDER BY seq
                    """)
            let moved = db.changesCount
            try db.execute(sql: "DELETE FROM \(source) WHERE \(BrokerSchema.free(source))")
            forgetCached(deadLetterQueue)
            forgetCached(destination)
            return moved
        }
        signal()
        return (moved, destination)
    }

    /// Sends one JSON message per non-empty line of `ndjson`, in batches of 100.
    /// - Returns: the messages sent.
    /// - Throws: `QueueError` for a line that is not JSON (naming the line) or a refused batch.
    @discardableResult
    public func send(queue: String, ndjson: String, delaySeconds: Int? = nil) async throws -> Int {
        var requests: [QueueSendRequest] = []
        for (number, line) in ndjson.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let value = QueueBodyCodec.parseJSON(Array(trimmed.utf8)) else {
                throw QueueError(
                    code: .typeError, message: "Line \(number + 1) is not valid JSON: \(trimmed.prefix(80))")
            }
            requests.append(QueueSendRequest(body: .json(value)))
        }
        let producer = self.producer(queue: queue, deliveryDelay: nil)
        var start = 0
        while start < requests.count {
            let end = min(start + LocalQueue.maxBatchCount, requests.count)
            try await producer.sendBatch(Array(requests[start..<end]), delaySeconds: delaySeconds)
            start = end
        }
        return requests.count
    }

    static func unknown(_ queue: String) -> QueueError {
        QueueError(code: .configuration, message: "Queue \"\(queue)\" does not exist.")
    }
}
