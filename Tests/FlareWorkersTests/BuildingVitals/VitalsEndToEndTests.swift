import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

/// The Building-Vitals worker end to end in the emulator: the shipped wrangler config and
/// migrations, real D1, R2 and queue bindings, the manual clock and the replayed ACE fixtures.
/// Failure paths (retries, dead letters, cancellation) are in ``VitalsEndToEndFailureTests``.
struct VitalsEndToEndTests {
    static let allPoints = (1...50).map { "p\($0)" }
    /// 1 point × 1 day = 100 samples estimated: direct (`s1-direct-p1-2025-01-01-page1..4`).
    static let small = timeseriesPath(points: ["p1"], start: "2025-01-01T00:00:00Z", end: "2025-01-02T00:00:00Z")
    /// 3 points × 4 days = 1,200: cached (`s1-cached-p1-p3-2025-01-01_2025-01-05-page1..3`).
    static let medium = timeseriesPath(
        points: ["p1", "p2", "p3"], start: "2025-01-01T00:00:00Z", end: "2025-01-05T00:00:00Z")
    /// 50 points × 364 days = 1,820,000: queued (`s1-queued-site-2025-01-01_2025-12-31-page1..5`).
    static let large = timeseriesPath(points: allPoints, start: "2025-01-01T00:00:00Z", end: "2025-12-31T00:00:00Z")

    @Test func smallRequestIsServedDirect() async throws {
        try await VitalsEmulator.with { vitals in
            let (response, data) = try await vitals.get(Self.small)
            #expect(response.status.code == 200)
            #expect(response.header("X-Route-Type") == "direct" && response.header("X-Cache-Hit") == "false")
            #expect(response.header("X-Estimated-Samples") == "100")
            let body = try JSONValue(parsing: data)
            #expect(body["data"]?["p1"]?["count"] == 288)  // 5-minute samples over one day
            #expect(body["data"]?["p2"] == nil)  // unrequested, dropped
            // Values are numbers, not the upstream's strings.
            #expect(body["data"]?["p1"]?["samples"]?.arrayValue?.first?["value"]?.doubleValue != nil)
            // Four pages (the last empty), each with the bearer token from the secret.
            let calls = vitals.upstream.calls
            #expect(calls.count == 4)
            #expect(calls.allSatisfy { $0.authorization == "Bearer e2e-token" && $0.url.contains("point_names=p1") })
            // Nothing was cached or queued.
            let (_, stats) = try await vitals.json("/api/stats")
            #expect(stats["cache"]?["totalObjects"] == 0 && stats["jobs"]?["total_jobs"] == 0)
        }
    }

    @Test func mediumRequestIsCachedAndTheRepeatIsAFasterByteIdenticalHit() async throws {
        try await VitalsEmulator.with { vitals in
            let clock = ContinuousClock()
            var miss: (WorkerResponse, Data)?
            let missTime = try await clock.measure { miss = try await vitals.get(Self.medium) }
            let (first, firstBody) = try #require(miss)
            #expect(first.status.code == 200)
            #expect(first.header("X-Route-Type") == "cached" && first.header("X-Cache-Hit") == "false")
            #expect(vitals.upstream.calls.count == 3)

            var hitTimes: [Duration] = []
            for _ in 0..<3 {
                var hit: (WorkerResponse, Data)?
                hitTimes.append(try await clock.measure { hit = try await vitals.get(Self.medium) })
                let (second, secondBody) = try #require(hit)
                #expect(second.status.code == 200 && second.header("X-Cache-Hit") == "true")
                #expect(secondBody == firstBody)
            }
            #expect(vitals.upstream.calls.count == 3)  // the hits never went upstream
            #expect(hitTimes.min()! < missTime, "hit \(hitTimes.min()!) vs miss \(missTime)")

            let data = try JSONValue(parsing: firstBody)["data"]
            for point in ["p1", "p2", "p3"] { #expect(data?[point]?["count"] == 1152) }
            #expect(data?["p4"] == nil)
            // One R2 object whose logical size is the stored JSON (the body minus `{"data":` and `}`).
            let (_, stats) = try await vitals.json("/api/stats")
            #expect(stats["cache"]?["totalObjects"] == 1)
            #expect(stats["cache"]?["totalSize"]?.int64Value == Int64(firstBody.count - 9))
        }
    }

    @Test func largeRequestIsQueuedAndCompletedWithVisibleProgress() async throws {
        try await VitalsEmulator.with { vitals in
            let (status, queued) = try await vitals.json(Self.large)
            #expect(status == 202 && queued["status"] == "queued" && queued["progress"] == 0)
            let id = try #require(queued["jobId"]?.stringValue)
            #expect(queued["statusUrl"]?.stringValue == "http://127.0.0.1:8787/api/jobs/\(id)")
            #expect(queued["pollInterval"] == 5000)
            // A repeat while it waits is the same job, not a second message.
            #expect(try await vitals.json(Self.large).1["jobId"]?.stringValue == id)
            #expect(try await vitals.peek(VitalsEnvironment.queueName).arrayValue?.count == 1)

            // One message is a partial batch: it waits for max_batch_timeout = 30 s.
            await vitals.test.advance(by: 29)
            #expect(try await vitals.json("/api/jobs/\(id)").1["status"] == "queued")
            #expect(vitals.upstream.calls.isEmpty)

            // Hold the consumer before page 3 and look at the job in the meantime.
            vitals.upstream.hold { $0.contains("cursor=eyJvZmZzZXQiOjgwMDB9") }
            await vitals.test.clock.advance(by: 1)
            await vitals.upstream.waitUntilHeld()
            let (_, during) = try await vitals.json("/api/jobs/\(id)")
            #expect(during["status"] == "processing" && during["progress"] == 20)
            #expect(during["message"] == "Processing... 20% complete.")
            #expect(during["startedAt"] == "2025-01-01T00:00:30.000Z")
            vitals.upstream.release()
            await vitals.test.settle()

            let (_, job) = try await vitals.json("/api/jobs/\(id)")
            #expect(job["status"] == "completed" && job["progress"] == 100)
            #expect(job["samplesCount"] == 18_200)  // 50 points × 364 days (p51 dropped)
            #expect(job["estimatedSize"] == 1_820_000)
            #expect(job["resultUrl"]?.stringValue == "http://127.0.0.1:8787/api/jobs/\(id)/result")
            let calls = vitals.upstream.calls
            #expect(calls.count == 5 && calls.allSatisfy { !$0.url.contains("point_names") })
            #expect(calls.allSatisfy { $0.authorization == "Bearer e2e-token" })

            let (result, resultBody) = try await vitals.get("/api/jobs/\(id)/result")
            #expect(result.status.code == 200)
            let data = try JSONValue(parsing: resultBody)["data"]
            #expect(data?["p50"]?["count"] == 364 && data?["p51"] == nil)
            #expect(job["dataSize"]?.int64Value == Int64(resultBody.count - 9))
            // The same request now answers from the finished job's result, byte for byte.
            let (again, againBody) = try await vitals.get(Self.large)
            #expect(again.status.code == 200 && again.header("X-Cache-Hit") == "true")
            #expect(againBody == resultBody)
            #expect(vitals.upstream.calls.count == 5)
        }
    }

    /// `/api/stats` after a known sequence: every figure follows from what was done.
    @Test func statsMatchWhatWasDone() async throws {
        try await VitalsEmulator.with { vitals in
            #expect(try await vitals.get(Self.small).0.status.code == 200)
            let unavailable = timeseriesPath(
                points: ["p1"], start: "2023-06-01T00:00:00Z", end: "2023-06-02T00:00:00Z")
            let (failedStatus, failure) = try await vitals.json(unavailable)
            #expect(failedStatus == 500 && failure["error"] == "HTTP 503: SERVICE UNAVAILABLE")
            let (_, mediumBody) = try await vitals.get(Self.medium)
            #expect(try await vitals.get(Self.medium).0.header("X-Cache-Hit") == "true")
            let completed = try #require(try await vitals.json(Self.large).1["jobId"]?.stringValue)
            await vitals.test.advance(by: 30)
            let cancelledPath = timeseriesPath(
                points: Self.allPoints, start: "2023-01-01T00:00:00Z", end: "2023-12-31T00:00:00Z")
            let cancelled = try #require(try await vitals.json(cancelledPath).1["jobId"]?.stringValue)
            #expect(try await vitals.json("/api/jobs/\(cancelled)", method: "DELETE").0 == 200)
            await vitals.test.advance(by: 30)
            #expect(try await vitals.get(Self.large).0.header("X-Cache-Hit") == "true")

            let (status, stats) = try await vitals.json("/api/stats")
            #expect(status == 200)
            #expect(stats["totals"] == ["requests": 7, "cache_hits": 2])
            let routes = Dictionary(
                uniqueKeysWithValues: (stats["requests"]?.arrayValue ?? []).map {
                    ($0["route_type"]?.stringValue ?? "", $0)
                })
            #expect(routes["direct"]?["count"] == 2 && routes["direct"]?["errors"] == 1)
            #expect(routes["cached"]?["count"] == 2 && routes["cached"]?["cache_hits"] == 1)
            #expect(routes["queued"]?["count"] == 3 && routes["queued"]?["cache_hits"] == 1)
            let jobs = stats["jobs"]
            #expect(jobs?["completed"] == 1 && jobs?["cancelled"] == 1 && jobs?["failed"] == 0)
            #expect(jobs?["active"] == 0 && jobs?["total_jobs"] == 2)
            let dataSize = try await vitals.json("/api/jobs/\(completed)").1["dataSize"]?.int64Value ?? 0
            #expect(stats["cache"]?["totalObjects"] == 2)
            #expect(stats["cache"]?["totalSize"]?.int64Value == Int64(mediumBody.count - 9) + dataSize)
            // The cancelled job never went upstream: 4 direct + 1 failed direct + 3 cached + 5 queued pages.
            #expect(vitals.upstream.calls.count == 13)
        }
    }

    /// The `0 2 * * *` trigger fires on the manual clock: cache entries go once 24 h old (the
    /// 2 January run), final jobs once created more than 7 days before (the 8 January run).
    @Test func dailyCronCleansTheCacheThenArchivesTheJob() async throws {
        try await VitalsEmulator.with { vitals in
            _ = try await vitals.get(Self.medium)
            let id = try #require(try await vitals.json(Self.large).1["jobId"]?.stringValue)
            await vitals.test.advance(by: 30)
            #expect(try await vitals.json("/api/jobs/\(id)").1["status"] == "completed")

            await vitals.test.advance(by: 86_400 - 30)  // the 1 January 02:00 run: entries are 2 h old
            #expect(try await vitals.json("/api/stats").1["cache"]?["totalObjects"] == 2)
            await vitals.test.advance(by: 86_400)  // the 2 January run deletes both
            #expect(try await vitals.json("/api/stats").1["cache"]?["totalObjects"] == 0)
            #expect(try await vitals.get("/api/jobs/\(id)/result").0.status.code == 410)

            for _ in 3...7 { await vitals.test.advance(by: 86_400) }  // runs of 3–7 January keep the job
            #expect(try await vitals.json("/api/jobs/\(id)").0 == 200)
            await vitals.test.advance(by: 86_400)  // the 8 January run archives it
            #expect(try await vitals.json("/api/jobs/\(id)").0 == 404)
            #expect(try await vitals.json("/api/stats").1["jobs"]?["total_jobs"] == 0)
        }
    }
}
