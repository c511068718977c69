import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

/// Port of `tests/workers-r2-queue-integration.test.js` (§7.3) and the issue's end-to-end flows, through
/// the worker's handlers (`fetch`, `queue`, `scheduled`).
struct IntegrationPortTests {
    static let points = (1...50).map { "p\($0)" }

    func harness() async throws -> VitalsHarness {
        VitalsHarness(
            bindings: try await makeBindings(), ace: FakeACE(points: Self.points, samplesPerPoint: 8, pageCount: 2))
    }

    @Test func t11_smallRequestsGoDirect() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let (response, data) = try await h.get(
            timeseriesPath(points: ["p1"], start: "2025-01-01T00:00:00Z", end: "2025-01-02T00:00:00Z"))
        #expect(response.status.code == 200)
        #expect(response.header("X-Route-Type") == "direct" && response.header("X-Cache-Hit") == "false")
        let body = try JSONValue(parsing: data)
        #expect(body["data"]?["p1"]?["count"] == 8)
        #expect(h.fetcher.urls.first?.contains("point_names=p1") == true)
        #expect(h.fetcher.requests.first?.header("authorization") == "Bearer test-token")
    }

    /// t12 and t17: the second identical request is a hit and byte-identical (the put is awaited, §9.18).
    @Test func t12_t17_mediumRequestsAreCached() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let path = timeseriesPath(
            points: ["p1", "p2", "p3"], start: "2025-01-01T00:00:00Z", end: "2025-01-15T00:00:00Z")
        let (first, firstBody) = try await h.get(path)
        let (second, secondBody) = try await h.get(path)
        #expect(first.header("X-Route-Type") == "cached" && first.header("X-Cache-Hit") == "false")
        #expect(second.header("X-Cache-Hit") == "true")
        #expect(firstBody == secondBody)
        #expect(h.fetcher.urls.count == 2)  // two pages, fetched once
    }

    /// t13 and t18 plus the queued flow: 202 → consumer → progress → completed → result readable.
    @Test func t13_t18_largeRequestsAreQueuedAndCompleted() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let path = timeseriesPath(points: Self.points, start: "2025-01-01T00:00:00Z", end: "2025-12-31T00:00:00Z")
        let (status, body) = try await h.json(path)
        #expect(status == 202 && body["status"] == "queued")
        let id = try #require(body["jobId"]?.stringValue)
        #expect(body["statusUrl"]?.stringValue == "http://localhost:8787/api/jobs/\(id)")
        // A repeat while queued finds the same job (§9.9).
        #expect(try await h.json(path).1["jobId"]?.stringValue == id)
        #expect(await h.bindings.sentMessages().count == 1)

        #expect(try await h.deliver(await h.bindings.sentMessages()[0].body) == .ack)
        let (_, job) = try await h.json("/api/jobs/\(id)")
        #expect(job["status"] == "completed" && job["progress"] == 100 && job["samplesCount"] == 400)
        #expect(job["resultUrl"]?.stringValue == "http://localhost:8787/api/jobs/\(id)/result")
        let (result, resultData) = try await h.get("/api/jobs/\(id)/result")
        #expect(result.status.code == 200)
        #expect(try JSONValue(parsing: resultData)["data"]?["p50"]?["count"] == 8)
        // The consumer pulls the whole site (no point_names), as the original did.
        #expect(h.fetcher.urls.allSatisfy { !$0.contains("point_names") })
        // The same request now answers from the finished job's result.
        let (again, againData) = try await h.get(path)
        #expect(again.status.code == 200 && again.header("X-Cache-Hit") == "true" && againData == resultData)
    }

    @Test func t14_routeOverride() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let (response, _) = try await h.get(
            timeseriesPath(points: ["p1"], start: "2025-01-01T00:00:00Z", end: "2025-01-02T00:00:00Z", route: "cached"))
        #expect(response.header("X-Route-Type") == "cached")
    }

    /// t15 reconciled: requests are tracked in D1 `request_analytics` and `/api/stats` reports them (§9.19).
    @Test func t15_statsMatchWhatWasDone() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let medium = timeseriesPath(
            points: ["p1", "p2", "p3"], start: "2025-01-01T00:00:00Z", end: "2025-01-15T00:00:00Z")
        _ = try await h.get(medium)
        _ = try await h.get(medium)
        _ = try await h.get(timeseriesPath(points: ["p1"], start: "2025-01-01T00:00:00Z", end: "2025-01-02T00:00:00Z"))
        _ = try await h.get(
            timeseriesPath(points: Self.points, start: "2025-01-01T00:00:00Z", end: "2025-12-31T00:00:00Z"))
        let (status, stats) = try await h.json("/api/stats")
        #expect(status == 200)
        #expect(stats["totals"] == ["requests": 4, "cache_hits": 1])
        #expect(stats["jobs"]?["queued"] == 1 && stats["jobs"]?["active"] == 1 && stats["jobs"]?["total_jobs"] == 1)
        #expect(stats["cache"]?["totalObjects"] == 1)
        let routes = stats["requests"]?.arrayValue?.compactMap { $0["route_type"]?.stringValue }
        #expect(routes == ["cached", "direct", "queued"])
    }

    /// t16 reconciled: an upstream 500 is a 500 with `{error, timestamp}`; a 404 is an empty result (§9.21).
    @Test func t16_upstreamErrors() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let path = timeseriesPath(points: ["p1"], start: "2025-01-01T00:00:00Z", end: "2025-01-02T00:00:00Z")
        h.ace.setNotFound(true)
        let (status, body) = try await h.json(path)
        #expect(status == 200 && body["data"]?["p1"]?["count"] == 0)
        h.ace.setNotFound(false)
        h.ace.setFailure(status: 500)
        let (failed, error) = try await h.json(path)
        #expect(failed == 500 && error["error"] == "HTTP 500: Internal Server Error" && error["timestamp"] != nil)
    }

    @Test func validationAndCORS() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let (bad, body) = try await h.json("/api/timeseries?site=s&points=&start_time=x&end_time=y")
        #expect(bad == 400 && body["error"] == "Missing required parameters: site, points, start_time, end_time")
        let (badDate, dateBody) = try await h.json("/api/timeseries?site=s&points=p&start_time=x&end_time=2025-01-01")
        #expect(badDate == 400 && dateBody["error"] == "Invalid start_time: \"x\" is not an ISO 8601 date-time")
        let (route, _) = try await h.json(
            timeseriesPath(points: ["p"], start: "2025-01-01", end: "2025-01-02", route: "fast"))
        #expect(route == 400)
        let (prefix, _) = try await h.get("/api/timeseriesXYZ")
        #expect(prefix.status.code == 404)
        let (preflight, _) = try await h.get("/api/jobs/x", method: "OPTIONS")
        #expect(preflight.header("Access-Control-Allow-Methods") == "GET, POST, DELETE, OPTIONS")
        #expect(prefix.header("Access-Control-Allow-Origin") == "*")
        #expect(try await h.json("/api/jobs/").0 == 400)
    }

    /// A cancelled job is not processed or overwritten by a later delivery (§9.12).
    @Test func cancelledJobsStayCancelled() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let (_, body) = try await h.json(
            timeseriesPath(points: Self.points, start: "2025-01-01T00:00:00Z", end: "2025-12-31T00:00:00Z"))
        let id = try #require(body["jobId"]?.stringValue)
        #expect(try await h.json("/api/jobs/\(id)", method: "DELETE").0 == 200)
        #expect(try await h.deliver(await h.bindings.sentMessages()[0].body) == .ack)
        #expect(try await h.job(id)?.status == .cancelled)
        #expect(h.fetcher.urls.isEmpty)
        #expect(try await h.json("/api/jobs/\(id)", method: "DELETE").0 == 404)
    }

    /// Dead-lettered messages arrive on the same handler and are recognised by queue name (§9.11).
    @Test func deadLetterQueueFailsTheJob() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let (_, body) = try await h.json(
            timeseriesPath(points: Self.points, start: "2025-01-01T00:00:00Z", end: "2025-12-31T00:00:00Z"))
        let id = try #require(body["jobId"]?.stringValue)
        let message = await h.bindings.sentMessages()[0].body
        h.ace.setFailure(status: 502)
        for attempt in 1...4 { _ = try await h.deliver(message, attempts: attempt) }
        #expect(try await h.deliver(message, queue: "chart-processing-dlq") == .ack)
        let job = try #require(try await h.job(id))
        #expect(job.status == .failed && job.deadLetteredAt != nil && job.errorMessage == "HTTP 502: Bad Gateway")
        #expect(h.fetcher.urls.count == 4)  // the DLQ delivery fetched nothing
        #expect(try await h.bindings.bucket.head(DeadLetterHandler.recordKey(jobId: id)) != nil)
        let (_, failures) = try await h.json("/api/queue/dlq/failures")
        #expect(failures["count"] == 1)
    }

    /// The cron archives final jobs older than 7 days, comparing integer times (§9.20), and cleans the cache.
    @Test func cronArchivesOldJobsOnly() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let (_, old) = try await h.json(
            timeseriesPath(points: Self.points, start: "2025-01-01T00:00:00Z", end: "2025-12-31T00:00:00Z"))
        _ = try await h.json("/api/jobs/\(old["jobId"]!.stringValue!)", method: "DELETE")
        _ = try await h.get(
            timeseriesPath(points: ["p1", "p2", "p3"], start: "2025-01-01T00:00:00Z", end: "2025-01-15T00:00:00Z"))
        await h.bindings.clock.advance(by: 8 * 86_400)
        let (_, recent) = try await h.json(
            timeseriesPath(points: Self.points, start: "2024-01-01T00:00:00Z", end: "2024-12-31T00:00:00Z"))
        _ = try await h.json("/api/jobs/\(recent["jobId"]!.stringValue!)", method: "DELETE")
        let report = await DailyMaintenance(env: h.vitals).run(now: h.bindings.clock.now())
        #expect(report.jobsArchived == 1 && report.cacheEntriesDeleted == 1 && report.errors.isEmpty)
        let history = try await h.bindings.db.prepare("SELECT job_id, points_count FROM job_history").all().rows
        #expect(history.map { $0["job_id"]?.stringValue } == [old["jobId"]?.stringValue])
        #expect(history.first?["points_count"] == .integer(50))
        #expect(try await h.job(recent["jobId"]!.stringValue!)?.status == .cancelled)
    }

    /// The cron's cut-offs follow the trigger's `scheduledTime`, not the moment the handler runs.
    @Test func cronUsesTheTriggersScheduledTime() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let (_, body) = try await h.json(
            timeseriesPath(points: Self.points, start: "2025-01-01T00:00:00Z", end: "2025-12-31T00:00:00Z"))
        let id = try #require(body["jobId"]?.stringValue)
        _ = try await h.json("/api/jobs/\(id)", method: "DELETE")
        // The clock still reads 1 January; a trigger scheduled for 9 January archives the job.
        let scheduled = h.bindings.clock.now().addingTimeInterval(8 * 86_400 + 7_200)
        try await h.worker.scheduled(
            ScheduledController(scheduledTime: scheduled, cron: "0 2 * * *"), env: h.env, ctx: ExecutionContext())
        #expect(try await h.job(id) == nil)
    }
}
