import FlareWorkerAPI
import Logging

/// The consumer's `queue` algorithm for `historical-data-queue` (§3.3–§3.4, with the §8 fixes).
///
/// Each message is acknowledged only when every one of its points is valid and stored (inserted or
/// already present). A message with an unparseable body, an invalid point or a row D1 refused is
/// retried, so after `max_retries` it reaches the dead-letter queue; it is never acked and lost (§8.8).
struct BatchIngestor: Sendable {
    var database: any D1Database
    var clock: any FlareClock
    var logger: Logger
    var retry: BusyRetry

    /// What one batch did, for logs and tests.
    struct Report: Sendable {
        var messages = 0
        var points = 0
        var uniquePoints = 0
        var inserted = 0
        var acked: [String] = []
        var retried: [String] = []
    }

    /// Processes one batch, recording each message's fate with `ack()`/`retry()`.
    func process(_ batch: MessageBatch) async -> Report {
        let start = clock.nowMilliseconds()
        let messages = batch.messages
        let flat = MessageFlattener.flatten(messages.map(\.body))
        var report = Report(messages: messages.count, points: flat.elementCount)
        // §8.25: the original said "data points" while counting messages.
        logger.info("📥 Processing batch of \(messages.count) messages (\(flat.elementCount) data points)")
        for (index, problem) in flat.problems.sorted(by: { $0.key < $1.key }) {
            logger.error("Message \(messages[index].id) rejected (attempt \(messages[index].attempts)): \(problem)")
        }

        let unique = PointDeduplicator.deduplicate(flat.entries)
        report.uniquePoints = unique.count
        logger.info("   Deduplicated: \(flat.entries.count) → \(unique.count) unique points")

        let inserter = PriceDataInserter(database: database, retry: retry)
        let outcome = await inserter.insert(unique.map(\.point))
        let duration = max(clock.nowMilliseconds() - start, 0)
        report.inserted = outcome.inserted
        for message in outcome.chunkErrors { logger.error("❌ D1 batch insert failed: \(message)") }
        let throughput = Double(outcome.inserted) / Double(max(duration, 1)) * 1000
        logger.info("✅ Inserted \(outcome.inserted) rows in \(duration)ms")
        logger.info("   Throughput: \(Int(throughput.rounded())) rows/sec")

        var failedMessages = Set(flat.problems.keys)
        var busyMessages = Set<Int>()
        var failures: [IngestionRecorder.Failure] = []
        let now = Int64(clock.now().timeIntervalSince1970)
        for (index, error) in outcome.failed.sorted(by: { $0.key < $1.key }) {
            let item = unique[index]
            failedMessages.formUnion(item.messageIndices)
            for messageIndex in item.messageIndices {
                let message = messages[messageIndex]
                failures.append(
                    .init(
                        symbol: item.point.symbol, timestamp: item.point.timestamp, errorMessage: error,
                        retryCount: message.attempts, failedAt: now, rawData: item.point.jsonValue.jsonString(),
                        source: item.point.source.rawValue, queue: batch.queue, messageID: message.id))
            }
        }
        for index in outcome.busy.keys { busyMessages.formUnion(unique[index].messageIndices) }
        busyMessages.subtract(failedMessages)

        let recorder = IngestionRecorder(database: database, retry: retry)
        if !failures.isEmpty {
            do { try await recorder.record(failures) } catch {
                logger.error(
                    "❌ Could not record \(failures.count) failed points: \(PriceDataInserter.message(of: error))")
            }
        }
        if !busyMessages.isEmpty { logger.warning("⏳ D1 overloaded, retrying messages with backoff...") }
        for (index, message) in messages.enumerated() {
            if failedMessages.contains(index) {
                message.retry()
                report.retried.append(message.id)
            } else if busyMessages.contains(index) {
                message.retry(delaySeconds: Self.busyDelay(attempts: message.attempts))
                report.retried.append(message.id)
            } else {
                message.ack()
                report.acked.append(message.id)
            }
        }
        // Figures are best effort: no backoff for them when the database is busy.
        let statsRecorder = IngestionRecorder(database: database, retry: BusyRetry(delays: [], clock: clock))
        await recordStats(outcome, duration: duration, messages: messages.count, now: now, recorder: statsRecorder)
        return report
    }

    /// The original's queue-level delay `min(60·2^attempts, 300)` s, kept for busy errors that
    /// outlast the in-handler backoff.
    static func busyDelay(attempts: Int) -> Int {
        min(60 * (1 << min(max(attempts, 0), 8)), 300)
    }

    private func recordStats(
        _ outcome: PriceDataInserter.Outcome, duration: Int64, messages: Int, now: Int64, recorder: IngestionRecorder
    ) async {
        let stats = PriceSource.insertOrder.compactMap { source -> IngestionRecorder.Stat? in
            guard let attempted = outcome.attemptedBySource[source] else { return nil }
            let inserted = outcome.insertedBySource[source] ?? 0
            return .init(
                batchSize: attempted, durationMS: duration,
                throughputPerSecond: Double(inserted) / Double(max(duration, 1)) * 1000, source: source.rawValue,
                timestamp: now, inserted: inserted, messages: messages)
        }
        do { try await recorder.record(stats) } catch {
            logger.error("Could not record ingestion_stats: \(PriceDataInserter.message(of: error))")
        }
    }
}
