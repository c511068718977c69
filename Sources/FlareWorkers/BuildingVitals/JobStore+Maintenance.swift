import FlareWorkerAPI
import Foundation

extension JobStore {
    /// Job counts per status (every status present, zero when none) plus `total_jobs` and `active`
    /// (`queued + processing + retrying`, fixing §9.19).
    /// - Throws: `D1Error`.
    public func countsByStatus() async throws -> [String: Int] {
        let rows = try await db.prepare("SELECT status, COUNT(*) AS count FROM queue_jobs GROUP BY status").all().rows
        var counts = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map { ($0.rawValue, 0) })
        for row in rows {
            if let status = row["status"]?.stringValue, let count = row["count"]?.int64Value {
                counts[status] = Int(count)
            }
        }
        let statuses = JobStatus.allCases
        counts["total_jobs"] = statuses.reduce(0) { $0 + (counts[$1.rawValue] ?? 0) }
        counts["active"] = statuses.filter(\.isActive).reduce(0) { $0 + (counts[$1.rawValue] ?? 0) }
        return counts
    }

    /// Moves final jobs created before `cutoff` into `job_history` and deletes them, in one
    /// transaction. Times are compared as integers on both sides (fixes §9.20).
    /// - Returns: the number of jobs archived.
    /// - Throws: `D1Error`.
    public func archive(createdBefore cutoff: Date, now: Date) async throws -> Int {
        let final = JobStatus.sqlList(JobStatus.allCases.filter(\.isFinal))
        let cutoffValue = ms(cutoff)
        let results = try await db.batch([
            db.prepare(
                """
                INSERT INTO job_history (job_id, site_name, points_count, status, duration_ms, samples_count, \
                data_size, error_message, created_at, finished_at, archived_at) \
                SELECT job_id, site_name, json_array_length(points_json), status, processing_time_ms, samples_count, \
                data_size, error_message, created_at, COALESCE(completed_at, failed_at, cancelled_at), ?2 \
                FROM queue_jobs WHERE status IN (\(final)) AND created_at < ?1
                """
            ).bind(values: [cutoffValue, ms(now)]),
            db.prepare("DELETE FROM queue_jobs WHERE status IN (\(final)) AND created_at < ?").bind(
                values: [cutoffValue]
            ),
        ])
        return results.last?.meta.changes ?? 0
    }

    /// Jobs that reached the dead-letter queue, newest first.
    /// - Throws: `D1Error` or ``JobStoreError``.
    public func deadLettered(limit: Int) async throws -> [JobRecord] {
        try await db.prepare(
            "SELECT * FROM queue_jobs WHERE dead_lettered_at IS NOT NULL ORDER BY dead_lettered_at DESC LIMIT ?"
        ).bind(limit).all().rows.map(JobRecord.init(row:))
    }
}
