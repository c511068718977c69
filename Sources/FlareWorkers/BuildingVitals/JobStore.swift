import FlareWorkerAPI
import Foundation

/// `queue_jobs` in D1: creation, lookup and guarded status changes (`ChartQueueService`'s D1 half).
///
/// Every update names the statuses it may start from (``JobStatus/predecessors(of:)``) and reports
/// whether a row changed, so a cancelled or finished job is never overwritten (§9.12).
public struct JobStore: Sendable {
    /// The database.
    public let db: any D1Database

    /// Creates a store over `db` (migrated with `wrangler-configs/building-vitals/migrations`).
    public init(db: any D1Database) {
        self.db = db
    }

    /// Inserts a queued job.
    /// - Throws: `D1Error`.
    public func create(_ job: JobRecord) async throws {
        let pointsJSON = JSONValue.array(job.points.map(JSONValue.string)).jsonString()
        _ = try await db.prepare(
            """
            INSERT INTO queue_jobs (job_id, request_hash, site_name, points_json, start_time, end_time, user_id, \
            status, priority, progress, estimated_size, cache_key, retry_count, created_at, updated_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?, ?)
            """
        ).bind(
            job.jobId, job.requestHash, job.site, pointsJSON, job.startTime, job.endTime, job.userId,
            job.status.rawValue, job.priority, job.estimatedSize, job.cacheKey, ms(job.createdAt), ms(job.updatedAt)
        ).run()
    }

    /// The job, or `nil`.
    /// - Throws: `D1Error` or ``JobStoreError``.
    public func find(_ jobId: String) async throws -> JobRecord? {
        try await db.prepare("SELECT * FROM queue_jobs WHERE job_id = ?").bind(jobId).first().map(JobRecord.init(row:))
    }

    /// The newest job for the same request that is still active or completed (a repeat request reuses it).
    /// - Throws: `D1Error` or ``JobStoreError``.
    public func findReusable(requestHash: String) async throws -> JobRecord? {
        let statuses = JobStatus.sqlList(JobStatus.allCases.filter { $0.isActive || $0 == .completed })
        return try await db.prepare(
            "SELECT * FROM queue_jobs WHERE request_hash = ? AND status IN (\(statuses)) "
                + "ORDER BY created_at DESC LIMIT 1"
        ).bind(requestHash).first().map(JobRecord.init(row:))
    }

    /// `queued`/`retrying` → `processing`; `started_at` is set only on the first start (§9.8).
    /// - Returns: whether the job moved (false when cancelled or already final).
    /// - Throws: `D1Error`.
    public func markProcessing(_ jobId: String, now: Date) async throws -> Bool {
        try await update(
            to: .processing, from: [.queued, .retrying], jobId: jobId,
            set: "started_at = COALESCE(started_at, ?1), updated_at = ?1", [ms(now)]
        )
    }

    /// Stores progress (0...100) while `processing`.
    /// - Returns: false when the job is no longer processing (e.g. cancelled): the consumer stops.
    /// - Throws: `D1Error`.
    public func updateProgress(_ jobId: String, progress: Int, now: Date) async throws -> Bool {
        try await update(
            to: .processing, from: [.processing], jobId: jobId, set: "progress = ?1, updated_at = ?2",
            [.integer(Int64(max(0, min(100, progress)))), ms(now)]
        )
    }

    /// `processing` → `completed` with the result's figures and R2 key.
    /// - Throws: `D1Error`.
    public func complete(_ jobId: String, samplesCount: Int, dataSize: Int, cacheKey: String, now: Date)
        async throws -> Bool
    {
        try await update(
            to: .completed, from: JobStatus.predecessors(of: .completed), jobId: jobId,
            set: """
                progress = 100, samples_count = ?1, data_size = ?2, cache_key = ?3, completed_at = ?4, \
                updated_at = ?4, error_message = NULL, processing_time_ms = ?4 - COALESCE(started_at, ?4)
                """,
            [.integer(Int64(samplesCount)), .integer(Int64(dataSize)), .text(cacheKey), ms(now)]
        )
    }

    /// `processing` → `retrying`, recording the error and the retry count.
    /// - Throws: `D1Error`.
    public func markRetrying(_ jobId: String, retryCount: Int, error: String, now: Date) async throws -> Bool {
        try await update(
            to: .retrying, from: JobStatus.predecessors(of: .retrying), jobId: jobId,
            set: "retry_count = ?1, error_message = ?2, updated_at = ?3",
            [.integer(Int64(retryCount)), .text(error), ms(now)]
        )
    }

    /// An active job → `failed`.
    /// - Throws: `D1Error`.
    public func fail(_ jobId: String, error: String, retryCount: Int?, now: Date) async throws -> Bool {
        try await update(
            to: .failed, from: JobStatus.predecessors(of: .failed), jobId: jobId,
            set: "error_message = ?1, retry_count = COALESCE(?2, retry_count), failed_at = ?3, updated_at = ?3, "
                + "processing_time_ms = CASE WHEN started_at IS NULL THEN NULL ELSE ?3 - started_at END",
            [.text(error), retryCount.map { .integer(Int64($0)) } ?? .null, ms(now)]
        )
    }

    /// Records the dead-letter delivery; an active job becomes `failed`, a failed one keeps its error,
    /// a completed or cancelled one is left alone.
    /// - Returns: whether the row changed.
    /// - Throws: `D1Error`.
    public func recordDeadLetter(_ jobId: String, error: String, now: Date) async throws -> Bool {
        let active = JobStatus.sqlList(JobStatus.predecessors(of: .failed))
        let result = try await db.prepare(
            """
            UPDATE queue_jobs SET status = 'failed', dead_lettered_at = ?1, updated_at = ?1, \
            failed_at = COALESCE(failed_at, ?1), error_message = COALESCE(error_message, ?2) \
            WHERE job_id = ?3 AND status IN (\(active), 'failed')
            """
        ).bind(values: [ms(now), .text(error), .text(jobId)]).run()
        return result.meta.changes > 0
    }

    /// An active job → `cancelled`.
    /// - Returns: false when the job is missing or already final.
    /// - Throws: `D1Error`.
    public func cancel(_ jobId: String, now: Date) async throws -> Bool {
        try await update(
            to: .cancelled, from: JobStatus.predecessors(of: .cancelled), jobId: jobId,
            set: "cancelled_at = ?1, updated_at = ?1", [ms(now)]
        )
    }

    /// `UPDATE queue_jobs SET status = <to>, <set> WHERE job_id = ? AND status IN (<from>)`; `set` uses
    /// numbered parameters `?1…` for `values`, and the job id is bound after them.
    private func update(to status: JobStatus, from: [JobStatus], jobId: String, set: String, _ values: [D1Value])
        async throws -> Bool
    {
        let idIndex = values.count + 1
        let sql =
            "UPDATE queue_jobs SET status = '\(status.rawValue)', \(set) "
            + "WHERE job_id = ?\(idIndex) AND status IN (\(JobStatus.sqlList(from)))"
        let result = try await db.prepare(sql).bind(values: values + [.text(jobId)]).run()
        return result.meta.changes > 0
    }

    func ms(_ date: Date) -> D1Value { .integer(ISODate.milliseconds(date)) }
}
