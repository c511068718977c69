import FlareWorkerAPI
import Foundation

/// One `queue_jobs` row (migration 0001). Times are unix milliseconds in D1, `Date`s here.
public struct JobRecord: Sendable, Hashable {
    /// The job id.
    public var jobId: String
    /// SHA-256 of the request (``RequestFingerprint``).
    public var requestHash: String
    /// The site.
    public var site: String
    /// The requested points.
    public var points: [String]
    /// `start_time` as requested.
    public var startTime: String
    /// `end_time` as requested.
    public var endTime: String
    /// `user_id`, if any.
    public var userId: String?
    /// The status.
    public var status: JobStatus
    /// 0 normal, 1 high.
    public var priority: Int = 0
    /// 0...100.
    public var progress: Int = 0
    /// The size estimate in samples.
    public var estimatedSize: Int?
    /// Samples in the result.
    public var samplesCount: Int?
    /// Result bytes.
    public var dataSize: Int?
    /// The R2 key of the result.
    public var cacheKey: String?
    /// The last error.
    public var errorMessage: String?
    /// Retries scheduled so far.
    public var retryCount: Int = 0
    /// Creation time.
    public var createdAt: Date
    /// Last change.
    public var updatedAt: Date
    /// First start of processing.
    public var startedAt: Date?
    /// Completion time.
    public var completedAt: Date?
    /// Failure time.
    public var failedAt: Date?
    /// Cancellation time.
    public var cancelledAt: Date?
    /// When the dead-letter queue received it.
    public var deadLetteredAt: Date?
    /// `completed_at − started_at` in ms.
    public var processingTimeMs: Int?

    /// Creates a freshly queued job.
    public init(
        jobId: String, requestHash: String, site: String, points: [String], startTime: String, endTime: String,
        userId: String?, estimatedSize: Int?, cacheKey: String?, now: Date
    ) {
        self.jobId = jobId
        self.requestHash = requestHash
        self.site = site
        self.points = points
        self.startTime = startTime
        self.endTime = endTime
        self.userId = userId
        self.status = .queued
        self.estimatedSize = estimatedSize
        self.cacheKey = cacheKey
        self.createdAt = now
        self.updatedAt = now
    }

    /// Reads a row.
    /// - Throws: ``JobStoreError`` when a required column is missing or of the wrong type.
    init(row: D1Row) throws {
        func text(_ name: String) throws -> String {
            guard let value = row[name]?.stringValue else { throw JobStoreError("queue_jobs.\(name) is not text") }
            return value
        }
        func int(_ name: String) -> Int? { row[name]?.int64Value.map { Int($0) } }
        func date(_ name: String) -> Date? { row[name]?.int64Value.map(ISODate.date(milliseconds:)) }
        jobId = try text("job_id")
        requestHash = try text("request_hash")
        site = try text("site_name")
        points = (try? JSONValue(parsing: try text("points_json")))?.arrayValue?.compactMap(\.stringValue) ?? []
        startTime = try text("start_time")
        endTime = try text("end_time")
        userId = row["user_id"]?.stringValue
        guard let status = JobStatus(rawValue: try text("status")) else { throw JobStoreError("unknown job status") }
        self.status = status
        priority = int("priority") ?? 0
        progress = int("progress") ?? 0
        estimatedSize = int("estimated_size")
        samplesCount = int("samples_count")
        dataSize = int("data_size")
        cacheKey = row["cache_key"]?.stringValue
        errorMessage = row["error_message"]?.stringValue
        retryCount = int("retry_count") ?? 0
        createdAt = date("created_at") ?? Date(timeIntervalSince1970: 0)
        updatedAt = date("updated_at") ?? createdAt
        startedAt = date("started_at")
        completedAt = date("completed_at")
        failedAt = date("failed_at")
        cancelledAt = date("cancelled_at")
        deadLetteredAt = date("dead_lettered_at")
        processingTimeMs = int("processing_time_ms")
    }

    /// The message of `_getJobMessage`.
    public var message: String {
        status.message(progress: progress, error: errorMessage, retryCount: retryCount)
    }

    /// The `GET /api/jobs/{id}` body; times ISO 8601, absent values left out. `resultUrl` is set when
    /// the job is completed (fixes §9.9).
    public func jsonValue(origin: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "jobId": .string(jobId), "status": .string(status.rawValue), "progress": .int(Int64(progress)),
            "message": .string(message), "site": .string(site), "pointsCount": .int(Int64(points.count)),
            "startTime": .string(startTime), "endTime": .string(endTime), "retryCount": .int(Int64(retryCount)),
            "createdAt": .string(ISODate.format(createdAt)), "updatedAt": .string(ISODate.format(updatedAt)),
        ]
        let dates: [(String, Date?)] = [
            ("startedAt", startedAt), ("completedAt", completedAt), ("failedAt", failedAt),
            ("cancelledAt", cancelledAt), ("deadLetteredAt", deadLetteredAt),
        ]
        for (name, value) in dates { if let value { object[name] = .string(ISODate.format(value)) } }
        let ints: [(String, Int?)] = [
            ("estimatedSize", estimatedSize), ("samplesCount", samplesCount), ("dataSize", dataSize),
            ("processingTimeMs", processingTimeMs),
        ]
        for (name, value) in ints { if let value { object[name] = .int(Int64(value)) } }
        if let cacheKey { object["cacheKey"] = .string(cacheKey) }
        if let errorMessage { object["error"] = .string(errorMessage) }
        if status == .completed { object["resultUrl"] = .string("\(origin)/api/jobs/\(jobId)/result") }
        return .object(object)
    }
}
