import FlareWorkerAPI

/// Writes `failed_ingestions` and `ingestion_stats`, which the original declared and never wrote (§8.8).
struct IngestionRecorder: Sendable {
    /// One `failed_ingestions` row.
    struct Failure: Sendable, Hashable {
        /// `""` and 0 when the element had no readable symbol or timestamp.
        var symbol: String
        var timestamp: Int64
        var errorMessage: String
        /// The message's delivery attempts so far.
        var retryCount: Int
        /// Seconds since the epoch.
        var failedAt: Int64
        /// The element (or the whole body) as JSON text.
        var rawData: String
        var source: String?
        var queue: String
        var messageID: String
    }

    /// One `ingestion_stats` row: one per source per consumer batch.
    struct Stat: Sendable, Hashable {
        /// Unique points of this source in the batch.
        var batchSize: Int
        var durationMS: Int64
        /// Rows inserted per second.
        var throughputPerSecond: Double
        var source: String
        /// Seconds since the epoch.
        var timestamp: Int64
        /// Rows actually inserted (`meta.changes`).
        var inserted: Int
        /// Messages in the batch.
        var messages: Int
    }

    static let failureSQL = """
        INSERT INTO failed_ingestions (symbol, timestamp, error_message, retry_count, failed_at, raw_data, \
        source, queue, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let statSQL = """
        INSERT INTO ingestion_stats (batch_size, duration_ms, throughput_per_sec, source, timestamp, inserted, \
        messages) VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    var database: any D1Database
    var retry: BusyRetry

    /// Records failures, 100 statements per `batch()`.
    /// - Throws: `D1Error` when they cannot be written.
    func record(_ failures: [Failure]) async throws {
        let statement = database.prepare(Self.failureSQL)
        for chunk in Chunking.chunks(failures) {
            let statements = chunk.map { failure in
                statement.bind(
                    failure.symbol, failure.timestamp, failure.errorMessage, failure.retryCount, failure.failedAt,
                    failure.rawData, failure.source, failure.queue, failure.messageID
                )
            }
            _ = try await retry.run { try await database.batch(statements) }
        }
    }

    /// Records per-batch figures.
    /// - Throws: `D1Error` when they cannot be written.
    func record(_ stats: [Stat]) async throws {
        guard !stats.isEmpty else { return }
        let statement = database.prepare(Self.statSQL)
        let statements = stats.map { stat in
            statement.bind(
                stat.batchSize, stat.durationMS, stat.throughputPerSecond, stat.source, stat.timestamp, stat.inserted,
                stat.messages
            )
        }
        _ = try await retry.run { try await database.batch(statements) }
    }
}
