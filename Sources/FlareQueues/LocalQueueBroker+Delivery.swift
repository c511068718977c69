import FlareSQLiteSupport
import FlareWorkerAPI
import Foundation
import GRDB
import Logging

extension LocalQueueBroker {
    /// Starts every batch that is due now, up to each consumer's `max_concurrency`.
    func pump() {
        guard !stopping else { return }
        for queue in consumers.keys.sorted() { pump(queue) }
    }

    /// Miniflare's flush rule for one queue: a full batch goes at once; a partial one once the
    /// batch timer (started when messages were first seen waiting) has run `max_batch_timeout`.
    func pump(_ queue: String) {
        guard !stopping, !paused.contains(queue), var consumer = consumers[queue] else { return }
        let now = clock.now()
        defer { consumers[queue] = consumer }
        while consumer.inFlight < consumer.settings.effectiveConcurrency {
            let claimed: ClaimedBatch?
            do {
                claimed = try claim(queue: queue, consumer: &consumer, now: now)
            } catch {
                logger.error("Could not claim a batch: \(error)", metadata: ["queue.name": "\(queue)"])
                return
            }
            guard let claimed else { return }
            consumer.inFlight += 1
            start(claimed, handler: consumer.handler)
        }
    }

    /// Leases the next batch of `queue` if it is due, in one transaction.
    private func claim(queue: String, consumer: inout Consumer, now: Date) throws -> ClaimedBatch? {
        let lease = nextLease
        var timerStart = consumer.timerStart
        let settings = consumer.settings
        guard let table = try tableName(queue) else { return nil }
        let freeSince = consumer.freeSince
        let rows = try HotTransaction.write(database) { db in
            let rows = try leaseDueRows(
                db, table: table, settings: settings, timerStart: &timerStart, freeSince: freeSince, now: now,
                lease: lease)
            leased(queue, rows)
            return rows
        }
        consumer.timerStart = timerStart
        return rows.isEmpty ? nil : makeBatch(queue: queue, settings: settings, rows: rows, lease: lease)
    }

    /// Inside a transaction: selects the first `max_batch_size` ready messages and leases them if
    /// the batch is due (full, or its timer has run out); otherwise leases nothing.
    ///
    /// A timer not yet running starts when the batch's first message became available (a delayed
    /// message when its delay elapsed), but not before `freeSince`: the time the delivery loop
    /// happens to look must not matter, or a manual clock that jumps would push deliveries back.
    nonisolated func leaseDueRows(
        _ db: Database, table: String, settings: QueueConsumerSettings, timerStart: inout Date?, freeSince: Date,
        now: Date, lease: Int64
    ) throws -> [ClaimedBatch.Row] {
        let size = settings.effectiveBatchSize
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let anyHeld = try db.cachedStatement(sql: BrokerSchema.anyHeld(table))
        let skippingHeld = try RawStatement.step(anyHeld, db) && RawStatement.int64(anyHeld, 0) != 0
        RawStatement.reset(anyHeld)
        let select = try db.cachedStatement(sql: BrokerSchema.selectReady(table, skippingHeld: skippingHeld))
        RawStatement.bind(select, 1, nowMs)
        // One row more than a batch: its timestamp is the "first remaining message" of the metrics.
        RawStatement.bind(select, 2, Int64(size + 1))
        var rows: [ClaimedBatch.Row] = []
        rows.reserveCapacity(size)
        var availableMs = nowMs
        do {
            defer { RawStatement.reset(select) }
            while try RawStatement.step(select, db) {
                let contentType = QueueContentType(rawValue: RawStatement.text(select, 3)) ?? .bytes
                // Only the rows of the batch are copied; the extra one is just looked at.
                let inBatch = rows.count < size
                let body = inBatch ? RawStatement.blob(select, 4) : []
                // A delayed row became available at its visible time; others (no delay) at the latest now.
                let visibleMs = RawStatement.int64(select, 6)
                if inBatch, visibleMs > 0 { availableMs = min(availableMs, visibleMs) }
                rows.append(
                    ClaimedBatch.Row(
                        seq: RawStatement.int64(select, 0), id: RawStatement.text(select, 1),
                        timestampMs: RawStatement.int64(select, 2),
                        contentType: contentType, body: body, size: body.count,
                        failedAttempts: Int(RawStatement.int64(select, 5))))
            }
        }
        if rows.isEmpty {
            timerStart = nil
            return []
        }
        let nextInLine = rows.count > size ? rows.removeLast() : nil
        if rows.count < size {
            let available = Date(timeIntervalSince1970: Double(availableMs) / 1000)
            let started = timerStart ?? min(now, max(freeSince, available))
            timerStart = started
            if now < started.addingTimeInterval(settings.maxBatchTimeout) { return [] }
        }
        timerStart = nil
        // Held from now on: one tiny in-flight row per message.
        try runMultiRow(db, insert: false, table: table, count: rows.count) { mark, index, first in
            RawStatement.bind(mark, first, rows[index].seq)
            RawStatement.bind(mark, first + 1, lease)
        }
        if let nextInLine {
            // Not leased: only its timestamp travels, in a sentinel row the caller strips.
            rows.append(
                ClaimedBatch.Row(
                    seq: -1, id: "", timestampMs: nextInLine.timestampMs, contentType: .bytes, body: [],
                    size: 0,
                    failedAttempts: 0))
        }
        return rows
    }

    /// Takes leased rows out of the backlog counter (inside the leasing transaction).
    private nonisolated func leased(_ queue: String, _ rows: [ClaimedBatch.Row]) {
        let batch = rows.filter { $0.seq >= 0 }
        adjustBacklog(queue, count: -batch.count, bytes: -batch.reduce(0) { $0 + $1.size })
    }

    /// Builds the batch (metrics from what remains, as Miniflare).
    private func makeBatch(queue: String, settings: QueueConsumerSettings, rows: [ClaimedBatch.Row], lease: Int64)
        -> ClaimedBatch
    {
        var rows = rows
        let firstRemaining = rows.last?.seq == -1 ? rows.removeLast().timestampMs : nil
        nextLease = max(nextLease, lease + 1)
        let remaining = backlog(queue)
        let metrics = QueueMetrics(
            backlogCount: remaining.count, backlogBytes: remaining.bytes,
            oldestMessageTimestamp: firstRemaining)
        return ClaimedBatch(lease: lease, queue: queue, settings: settings, rows: rows, metrics: metrics)
    }

    /// Runs the handler for `batch` off the actor, then settles it.
    private func start(_ batch: ClaimedBatch, handler: @escaping @Sendable (MessageBatch) async throws -> Void) {
        let task = Task {
            let result = await Self.runHandler(batch, handler: handler)
            self.finish(batch, outcomes: result.outcomes, failure: result.failure, duration: result.duration)
        }
        deliveries[batch.lease] = task
    }

    private nonisolated static func runHandler(
        _ batch: ClaimedBatch, handler: @Sendable (MessageBatch) async throws -> Void
    ) async -> (outcomes: MessageOutcomes, failure: String?, duration: Duration) {
        let outcomes = MessageOutcomes()
        let messages = batch.rows.map { row in
            Message(
                id: row.id, timestamp: Date(timeIntervalSince1970: Double(row.timestampMs) / 1000),
                contentType: row.contentType, storedBody: row.body, attempts: row.failedAttempts + 1,
                outcomes: outcomes)
        }
        let started = ContinuousClock.now
        var failure: String?
        do {
            try await handler(
                MessageBatch(queue: batch.queue, messages: messages, metrics: batch.metrics, outcomes: outcomes))
        } catch {
            failure = String(describing: error)
        }
        return (outcomes, failure, ContinuousClock.now - started)
    }

    /// Applies each message's fate (§1.7) in one transaction, logs the batch, and pumps again.
    func finish(_ batch: ClaimedBatch, outcomes: MessageOutcomes, failure: String?, duration: Duration) {
        deliveries[batch.lease] = nil
        if var consumer = consumers[batch.queue] {
            if consumer.inFlight >= consumer.settings.effectiveConcurrency { consumer.freeSince = clock.now() }
            consumer.inFlight = max(0, consumer.inFlight - 1)
            consumers[batch.queue] = consumer
        }
        let settings = batch.settings
        let nowMs = clock.nowMilliseconds()
        var acked = 0
        var requeued: [String: Backlog] = [:]
        var lines: [(Logger.Level, String)] = []
        // In steady state the next batch is leased in the same transaction that settles this one.
        var next = consumers[batch.queue]
        let canClaim =
            !stopping && !paused.contains(batch.queue)
            && (next.map { $0.inFlight < $0.settings.effectiveConcurrency } ?? false)
        var nextTimer = next?.timerStart
        let nextLeaseID = nextLease
        var nextRows: [ClaimedBatch.Row] = []
        do {
            guard let table = try tableName(batch.queue) else { return }  // the queue was deleted
            let deadLetterTable = try settings.deadLetterQueue.flatMap { try tableName($0, create: true) }
            try HotTransaction.write(database) { db in
                let delete = try db.cachedStatement(sql: BrokerSchema.delete(table))
                let retry = try db.cachedStatement(sql: BrokerSchema.retry(table))
                let fates = batch.rows.map { outcomes.fate(of: $0.id, handlerSucceeded: failure == nil) }
                let allAcked = fates.allSatisfy { $0 == .ack }
                if allAcked, let first = batch.rows.first, let last = batch.rows.last {
                    // The common case: the whole batch acknowledged. Usually the batch is a run
                    // of consecutive messages, deleted by one range; otherwise one by one (the
                    // range would take a delayed message between two of the batch).
                    if last.seq - first.seq + 1 == Int64(batch.rows.count) {
                        let deleteAll = try db.cachedStatement(sql: BrokerSchema.deleteRange(table))
                        RawStatement.bind(deleteAll, 1, first.seq)
                        RawStatement.bind(deleteAll, 2, last.seq)
                        try RawStatement.run(deleteAll, db)
                    } else {
                        for row in batch.rows {
                            RawStatement.bind(delete, 1, row.seq)
                            try RawStatement.run(delete, db)
                        }
                    }
                    acked = batch.rows.count
                }
                if let first = batch.rows.first, let last = batch.rows.last {
                    // Whatever the fates, the batch is no longer held once this commits.
                    let release = try db.cachedStatement(sql: BrokerSchema.release(table))
                    RawStatement.bind(release, 1, batch.lease)
                    RawStatement.bind(release, 2, first.seq)
                    RawStatement.bind(release, 3, last.seq)
                    try RawStatement.run(release, db)
                }
                for (row, fate) in zip(batch.rows, fates) where !allAcked {
                    switch fate {
                    case .ack:
                        acked += 1
                        RawStatement.bind(delete, 1, row.seq)
                        try RawStatement.run(delete, db)
                    case .retry(let delaySeconds):
                        let failed = row.failedAttempts + 1
                        let reason = failure ?? "retried by the consumer"
                        if failed < settings.maxAttempts {
                            let delay = Int64(delaySeconds ?? settings.retryDelay)
                            lines.append((.debug, "Retrying message \"\(row.id)\" on queue \"\(batch.queue)\"..."))
                            RawStatement.bind(retry, 1, row.seq)
                            RawStatement.bind(retry, 2, Int64(failed))
                            RawStatement.bind(retry, 3, delay > 0 ? nowMs + delay * 1000 : 0)
                            RawStatement.bind(retry, 4, reason)
                            try RawStatement.run(retry, db)
                            requeued[batch.queue, default: Backlog()].count += 1
                            requeued[batch.queue, default: Backlog()].bytes += row.size
                        } else if let dlq = settings.deadLetterQueue, let deadLetterTable {
                            let plural = settings.maxAttempts == 1 ? "" : "s"
                            lines.append(
                                (
                                    .warning,
                                    "Moving message \"\(row.id)\" on queue \"\(batch.queue)\" to dead letter queue "
                                        + "\"\(dlq)\" after \(settings.maxAttempts) failed attempt\(plural)..."
                                ))
                            let move = try db.cachedStatement(
                                sql: BrokerSchema.moveOne(from: table, to: deadLetterTable))
                            RawStatement.bind(move, 1, row.seq)
                            RawStatement.bind(move, 2, reason)
                            try RawStatement.run(move, db)
                            RawStatement.bind(delete, 1, row.seq)
                            try RawStatement.run(delete, db)
                            requeued[dlq, default: Backlog()].count += 1
                            requeued[dlq, default: Backlog()].bytes += row.size
                        } else {
                            lines.append(
                                (
                                    .warning,
                                    "Dropped message \"\(row.id)\" on queue \"\(batch.queue)\" after "
                                        + "\(settings.maxAttempts) failed attempts!"
                                ))
                            RawStatement.bind(delete, 1, row.seq)
                            try RawStatement.run(delete, db)
                        }
                    }
                }
                if canClaim, let settings = next?.settings {
                    nextRows = try leaseDueRows(
                        db, table: table, settings: settings, timerStart: &nextTimer,
                        freeSince: next?.freeSince ?? clock.now(), now: clock.now(), lease: nextLeaseID)
                    leased(batch.queue, nextRows)
                }
                for (queue, added) in requeued { adjustBacklog(queue, count: added.count, bytes: added.bytes) }
            }
        } catch {
            // The transaction rolled back: the messages stay leased and are redelivered on restart.
            logger.error("Could not settle a batch: \(error)", metadata: ["queue.name": "\(batch.queue)"])
            return
        }
        log(batch, acked: acked, failure: failure, duration: duration, lines: lines, warnings: outcomes.warnings)
        if canClaim, var consumer = next {
            consumer.timerStart = nextTimer
            if !nextRows.isEmpty {
                consumer.inFlight += 1
                let claimed = makeBatch(
                    queue: batch.queue, settings: consumer.settings, rows: nextRows, lease: nextLeaseID)
                start(claimed, handler: consumer.handler)
            }
            consumers[batch.queue] = consumer
            next = nil
        }
        pump(batch.queue)
        for queue in requeued.keys where queue != batch.queue && consumers[queue] != nil { pump(queue) }
        signal()
    }

    private func log(
        _ batch: ClaimedBatch, acked: Int, failure: String?, duration: Duration, lines: [(Logger.Level, String)],
        warnings: [String]
    ) {
        let metadata: Logger.Metadata = ["queue.name": "\(batch.queue)"]
        for warning in warnings { logger.warning("\(warning)", metadata: metadata) }
        if let failure { logger.error("Queue handler failed: \(failure)", metadata: metadata) }
        for (level, line) in lines { logger.log(level: level, "\(line)", metadata: metadata) }
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        logger.info(
            "QUEUE \(batch.queue) \(acked)/\(batch.rows.count) (\(milliseconds)ms)",
            metadata: [
                "queue.name": "\(batch.queue)", "queue.batch_size": "\(batch.rows.count)",
                "queue.attempt": "\(batch.rows.map(\.failedAttempts).max().map { $0 + 1 } ?? 1)",
                "queue.outcome": "\(failure == nil ? "ok" : "exception")", "queue.acked": "\(acked)",
                "queue.duration_ms": "\(milliseconds)",
            ])
    }
}
