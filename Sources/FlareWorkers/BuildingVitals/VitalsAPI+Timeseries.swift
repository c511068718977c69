import FlareWorkerAPI
import Foundation

extension VitalsAPI {
    /// `GET /api/timeseries?site=&points=&start_time=&end_time=[&route=][&user_id=]`.
    ///
    /// 200 with `{"data": …}` (byte-identical between a miss and the following hit; route, cache hit,
    /// request id and duration are in `X-…` headers), or 202 with the job for queued requests.
    func timeseries(_ request: WorkerRequest) async throws -> WorkerResponse {
        let query = try TimeseriesQuery.parse(request.query)
        let started = env.clock.now()
        let requestId = JobID.requestID(now: started)
        let service = TimeseriesService(env: env)
        let (route, estimate) = service.route(for: query)
        var entry = RequestLog.Entry(
            requestId: requestId, site: query.site, pointsCount: query.points.count, route: route, cacheHit: false,
            estimatedSize: estimate, durationMs: 0, success: true, statusCode: 200, error: nil, timestamp: started
        )
        let response: WorkerResponse
        do {
            let outcome = try await service.fetch(query, route: route, estimate: estimate)
            response = respond(to: outcome, entry: &entry, origin: origin(of: request))
        } catch {
            entry.success = false
            entry.statusCode = 500
            entry.error = "\(error)"
            await log(&entry, started: started)
            throw error
        }
        await log(&entry, started: started)
        var headed = response
        headed.setHeader("X-Request-Id", requestId)
        headed.setHeader("X-Route-Type", entry.route.rawValue)
        headed.setHeader("X-Estimated-Samples", String(estimate))
        headed.setHeader("X-Request-Duration", String(entry.durationMs))
        return headed
    }

    private func respond(to outcome: TimeseriesOutcome, entry: inout RequestLog.Entry, origin: String)
        -> WorkerResponse
    {
        switch outcome {
        case .data(let body, let route, let cacheHit):
            entry.route = route
            entry.cacheHit = cacheHit
            var response = WorkerResponse(body: WorkerBody(data: Data("{\"data\":".utf8) + body + Data("}".utf8)))
            response.setHeader("Content-Type", "application/json")
            response.setHeader("X-Cache-Hit", cacheHit ? "true" : "false")
            return response
        case .job(let job, _):
            entry.route = .queued
            entry.statusCode = 202
            let body: JSONValue = [
                "status": .string(job.status.rawValue), "jobId": .string(job.jobId), "message": .string(job.message),
                "progress": .int(Int64(job.progress)), "statusUrl": .string("\(origin)/api/jobs/\(job.jobId)"),
                "pollInterval": 5000,
            ]
            var response = WorkerResponse.json(body, status: .init(integerLiteral: 202))
            response.setHeader("X-Cache-Hit", "false")
            response.setHeader("X-Job-Id", job.jobId)
            return response
        }
    }

    private func log(_ entry: inout RequestLog.Entry, started: Date) async {
        entry.durationMs = Int((env.clock.now().timeIntervalSince(started) * 1000).rounded())
        do {
            try await env.requestLog?.record(entry)
        } catch {
            env.logger.warning("[API] Could not record request analytics: \(error)")
        }
    }
}
