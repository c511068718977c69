import FlareWorkerAPI
import Foundation

extension VitalsAPI {
    /// `GET /api/jobs/{id}`: the job with progress, times (ISO 8601), `cacheKey`, and `resultUrl` once completed.
    func jobStatus(_ id: String, origin: String) async throws -> WorkerResponse {
        let jobs = try requireJobs()
        guard let job = try await jobs.find(id) else { return .error("Job not found", status: 404) }
        return .json(job.jsonValue(origin: origin))
    }

    /// `GET /api/jobs/{id}/result`: `{"data": …}` of a completed job, read from R2 (§9.9).
    func jobResult(_ id: String) async throws -> WorkerResponse {
        let jobs = try requireJobs()
        guard let job = try await jobs.find(id) else { return .error("Job not found", status: 404) }
        guard job.status == .completed, let key = job.cacheKey else {
            return .error("Job is \(job.status.rawValue); no result yet", status: 409)
        }
        guard let cache = env.cache, let entry = await cache.get(key) else {
            return .error("Job result has expired from the cache", status: 410)
        }
        var response = WorkerResponse(body: WorkerBody(data: Data("{\"data\":".utf8) + entry.body + Data("}".utf8)))
        response.setHeader("Content-Type", "application/json")
        response.setHeader("X-Job-Id", job.jobId)
        return response
    }

    /// `DELETE /api/jobs/{id}`: cancels a queued, processing or retrying job.
    func cancel(_ id: String) async throws -> WorkerResponse {
        let jobs = try requireJobs()
        if try await jobs.cancel(id, now: env.clock.now()) {
            return .json(["success": true, "message": "Job cancelled"])
        }
        return .json(
            ["success": false, "message": "Job not found or already completed"], status: .init(integerLiteral: 404)
        )
    }

    /// `GET /api/stats`: cache figures from R2, job counts by status and request figures from D1.
    func stats() async throws -> WorkerResponse {
        let jobs = try requireJobs()
        let now = env.clock.now()
        var cache: JSONValue = .null
        if let service = env.cache {
            do {
                cache = try await service.stats().jsonValue
            } catch {
                env.logger.warning("[API] Cache stats unavailable: \(error)")
            }
        }
        let counts = try await jobs.countsByStatus()
        let requests = try await env.requestLog?.summary(since: now.addingTimeInterval(-86_400)) ?? []
        let total = requests.reduce(Int64(0)) { $0 + ($1["count"]?.int64Value ?? 0) }
        let hits = requests.reduce(Int64(0)) { $0 + ($1["cache_hits"]?.int64Value ?? 0) }
        let body: JSONValue = [
            "cache": cache,
            "jobs": .object(counts.mapValues { .int(Int64($0)) }),
            "requests": .array(requests),
            "totals": ["requests": .int(total), "cache_hits": .int(hits)],
            "timestamp": .string(ISODate.format(now)),
        ]
        return .json(body)
    }

    /// `GET /api/queue/dlq/failures?limit=20`: dead-lettered jobs, newest first.
    func deadLettered(_ request: WorkerRequest) async throws -> WorkerResponse {
        let jobs = try requireJobs()
        let limit = request.query("limit").flatMap { Int($0) }.map { max(1, min($0, 100)) } ?? 20
        let failures = try await jobs.deadLettered(limit: limit).map { $0.jsonValue(origin: "") }
        return .json([
            "failures": .array(failures), "count": .int(Int64(failures.count)),
            "timestamp": .string(ISODate.format(env.clock.now())),
        ])
    }

    private func requireJobs() throws -> JobStore {
        guard let jobs = env.jobs else { throw ServiceError("D1 binding DB is not configured") }
        return jobs
    }
}
