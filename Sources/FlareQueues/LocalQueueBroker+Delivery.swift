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
        let size = consumer.settings.effectiveBatchSize
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let lease = nextLease
        var timerStart = consumer.timerStart
        let timeout = consumer.settings.maxBatchTimeout
        let rows = try database.write { db -> [ClaimedBatch.Row] in
            let select = try db.cachedStatement(sql: BrokerSchema.selectReady)
            BrokerSQL.bind(select, 1, queue)
            BrokerSQL.bind(select, 2, nowMs)
            BrokerSQL.bind(select, 3, Int64(size))
            var rows: [ClaimedBatch.Row] = []
            rows.reserveCapacity(size)
            defer { BrokerSQL.reset(select) }
            while try BrokerSQL.step(select, db) {
                rows.append(
                    ClaimedBatch.Row(
                        seq: BrokerSQL.int64(select, 0), id: BrokerSQL.text(select, 1),
                        timestampMs: BrokerSQL.int64(select, 2),
                        contentType: QueueContentType(rawValue: BrokerSQL.text(select, 3)) ?? .bytes,
                        body: BrokerSQL.blob(select, 4), failedAttempts: Int(BrokerSQL.int64(select, 5))))
            }
            if rows.isEmpty { return [] }
            if rows.count < size {
                let started = timerStart ?? now
                timerStart = started
                if now < started.addingTimeInterval(timeout) { return [] }
            }
            let update = try db.cachedStatement(sql: BrokerSchema.lease)
            for row in rows {
                BrokerSQL.bind(update, 1, lease)
                BrokerSQL.bind(update, 2, row.seq)
                try BrokerSQL.run(update, db)
            }
            return rows
        }
        if rows.isEmpty {
            consumer.timerStart = timerStart
            return nil
        }
        consumer.timerStart = nil
        nextLease += 1
        let bytes = rows.reduce(0) { $0 + $1.body.count }
        adjustBacklog(queue, count: -rows.count, bytes: -bytes)
        let remaining = backlog(queue)
        let metrics = QueueMetrics(
            backlogCount: remaining.count, backlogBytes: remaining.bytes,
            oldestMessageTimestamp: remaining.count > 0 ? rows.first?.timestampMs : nil)
        return ClaimedBatch(lease: lease, queue: queue, settings: consumer.settings, rows: rows, metrics: metrics)
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
                body: QueueBodyCodec.deserialize(contentType: row.contentType, bytes: row.body),
                attempts: row.failedAttempts + 1, outcomes: outcomes)
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
            consumer.inFlight = max(0, consumer.inFlight - 1)
            consumers[batch.queue] = consumer
        }
        let settings = batch.settings
        let nowMs = clock.nowMilliseconds()
        var acked = 0
        var requeued: [String: Backlog] = [:]
        var lines: [(Logger.Level, String)] = []
        do {
            try database.write { db in
                let delete = try db.cachedStatement(sql: BrokerSchema.delete)
                let retry = try db.cachedStatement(sql: BrokerSchema.retry)
                let deadLetter = try db.cachedStatement(sql: BrokerSchema.deadLetter)
                for row in batch.rows {
                    switch outcomes.fate(of: row.id, handlerSucceeded: failure == nil) {
                    case .ack:
                        acked += 1
                        BrokerSQL.bind(delete, 1, row.seq)
                        try BrokerSQL.run(delete, db)
                    case .retry(let delaySeconds):
                        let failed = row.failedAttempts + 1
                        let reason = failure ?? "retried by the consumer"
                        if failed < settings.maxAttempts {
                            let delay = Int64(delaySeconds ?? settings.retryDelay)
                            lines.append((.debug, "Retrying message \"\(row.id)\" on queue \"\(batch.queue)\"..."))
                            BrokerSQL.bind(retry, 1, row.seq)
                            BrokerSQL.bind(retry, 2, Int64(failed))
                            BrokerSQL.bind(retry, 3, nowMs + delay * 1000)
                            BrokerSQL.bind(retry, 4, reason)
                            try BrokerSQL.run(retry, db)
                            requeued[batch.queue, default: Backlog()].count += 1
                            requeued[batch.queue, default: Backlog()].bytes += row.body.count
                        } else if let dlq = settings.deadLetterQueue {
                            try Self.remember(dlq, at: nowMs, db)
                            let plural = settings.maxAttempts == 1 ? "" : "s"
                            lines.append(
                                (
                                    .warning,
                                    "Moving message \"\(row.id)\" on queue \"\(batch.queue)\" to dead letter queue "
                                        + "\"\(dlq)\" after \(settings.maxAttempts) failed attempt\(plural)..."
                                ))
                            BrokerSQL.bind(deadLetter, 1, row.seq)
                            BrokerSQL.bind(deadLetter, 2, dlq)
                            BrokerSQL.bind(deadLetter, 3, nowMs)
                            BrokerSQL.bind(deadLetter, 4, reason)
                            try BrokerSQL.run(deadLetter, db)
                            requeued[dlq, default: Backlog()].count += 1
                            requeued[dlq, default: Backlog()].bytes += row.body.count
                        } else {
                            lines.append(
                                (
                                    .warning,
                                    "Dropped message \"\(row.id)\" on queue \"\(batch.queue)\" after "
                                        + "\(settings.maxAttempts) failed attempts!"
                                ))
                            BrokerSQL.bind(delete, 1, row.seq)
                            try BrokerSQL.run(delete, db)
                        }
                    }
                }
            }
        } catch {
            // The transaction rolled back: the messages stay leased and are redelivered on restart.
            logger.error("Could not settle a batch: \(error)", metadata: ["queue.name": "\(batch.queue)"])
            return
        }
        for (queue, added) in requeued { adjustBacklog(queue, count: added.count, bytes: added.bytes) }
        log(batch, acked: acked, failure: failure, duration: duration, lines: lines, warnings: outcomes.warnings)
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
