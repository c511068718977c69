import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

/// Port of `tests/workers/queue-service.test.js` (§7.2): job rows in D1, the consumer, retries, cancellation.
struct QueueServicePortTests {
    let large = timeseriesPath(
        points: (1...5).map { "p\($0)" }, start: "2024-01-01T00:00:00Z", end: "2024-12-31T00:00:00Z")

    func harness(pages: Int = 2) async throws -> VitalsHarness {
        VitalsHarness(
            bindings: try await makeBindings(),
            ace: FakeACE(points: (1...5).map { "p\($0)" }, samplesPerPoint: 20, pageCount: pages))
    }

    func queueJob(_ h: VitalsHarness) async throws -> String {
        let (status, body) = try await h.json(large)
        #expect(status == 202)
        return try #require(body["jobId"]?.stringValue)
    }

    @Test func t01_t02_t03_queuesALargeRequestWithARow() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let id = try await queueJob(h)
        let sent = await h.bindings.sentMessages()
        #expect(sent.count == 1)
        let message = try sent[0].body.decode(as: JobMessage.self)
        #expect(message.jobId == id && message.site == "s1" && message.points.count == 5)
        #expect(message.startTime == "2024-01-01T00:00:00Z" && message.options.format == "json")
        let job = try #require(try await h.job(id))
        #expect(job.site == "s1" && job.status == .queued)
        #expect(message.options.cacheKey == job.cacheKey)
        // Reconciled: the estimate is stored (the original computed and dropped it).
        #expect(job.estimatedSize == 182_500)  // 5 points × 365 days (2024 is a leap year) × 100
    }

    /// Reconciled: a send failure (a message over 128 KB) marks the row failed and answers 500.
    @Test func t04_sendFailureFailsTheJob() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let points = (0..<3000).map {
            "ses/site/192.168.1.1/n4/Device/point-\($0)-\(String(repeating: "x", count: 30))"
        }
        let (status, body) = try await h.json(
            timeseriesPath(points: points, start: "2024-01-01T00:00:00Z", end: "2024-01-05T00:00:00Z"))
        #expect(status == 500)
        #expect(body["error"]?.stringValue?.hasPrefix("Failed to queue job") == true)
        let rows = try await h.bindings.db.prepare("SELECT status FROM queue_jobs").all().rows
        #expect(rows.map { $0["status"]?.stringValue } == ["failed"])
    }

    @Test func t05_t06_jobStatus() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let id = try await queueJob(h)
        let (status, body) = try await h.json("/api/jobs/\(id)")
        #expect(
            status == 200 && body["status"] == "queued" && body["progress"] == 0 && body["jobId"]?.stringValue == id)
        #expect(try await h.json("/api/jobs/job_0000000000000000_1").0 == 404)
    }

    /// Reconciled: progress is stored, and `started_at` is not reset by progress updates (§9.8).
    @Test func t07_t11_progressIsStored() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let id = try await queueJob(h)
        let jobs = JobStore(db: h.bindings.db)
        #expect(try await jobs.markProcessing(id, now: h.bindings.clock.now()))
        for progress in [0, 25, 50] {
            await h.bindings.clock.advance(by: 1)
            #expect(try await jobs.updateProgress(id, progress: progress, now: h.bindings.clock.now()))
            #expect(try await h.job(id)?.progress == progress)
        }
        #expect(try await h.job(id)?.startedAt == ISODate.parse("2025-01-01T00:00:00Z"))
    }

    /// Reconciled: the cache key is stored and read from the same column (§9.9); processing time in ms.
    @Test func t08_t09_completionRecordsResultAndTime() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let id = try await queueJob(h)
        let jobs = JobStore(db: h.bindings.db)
        _ = try await jobs.markProcessing(id, now: h.bindings.clock.now())
        await h.bindings.clock.advance(by: 0.1)
        #expect(
            try await jobs.complete(
                id, samplesCount: 10_000, dataSize: 500_000, cacheKey: "cache/result-key", now: h.bindings.clock.now()))
        let job = try #require(try await h.job(id))
        #expect(job.status == .completed && job.samplesCount == 10_000 && job.cacheKey == "cache/result-key")
        #expect(job.completedAt != nil && job.processingTimeMs == 100 && job.progress == 100)
    }

    @Test func t10_processesPaginatedData() async throws {
        let h = try await harness(pages: 3)
        defer { h.bindings.root.remove() }
        let id = try await queueJob(h)
        let sent = await h.bindings.sentMessages()
        #expect(try await h.deliver(sent[0].body) == .ack)
        let job = try #require(try await h.job(id))
        #expect(job.status == .completed && job.samplesCount == 100 && job.progress == 100)
        #expect(h.fetcher.urls.count == 3)
    }

    @Test func t12_t13_t15_retriesThroughTheQueueThenFails() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let id = try await queueJob(h)
        let body = await h.bindings.sentMessages()[0].body
        h.ace.setFailure(status: 500)
        for (attempt, delay) in [(1, 1), (2, 2), (3, 4)] {
            #expect(try await h.deliver(body, attempts: attempt) == .retry(delaySeconds: delay))
            let job = try #require(try await h.job(id))
            #expect(job.status == .retrying && job.retryCount == attempt)
            #expect(job.errorMessage == "HTTP 500: Internal Server Error")
        }
        // The last attempt fails the job; retry() hands the message to the platform's dead-letter queue.
        #expect(try await h.deliver(body, attempts: 4) == .retry(delaySeconds: nil))
        let job = try #require(try await h.job(id))
        #expect(job.status == .failed && job.retryCount == 3)
        // Reconciled (§9.10): no duplicate re-send beside the platform retry.
        #expect(await h.bindings.sentMessages().count == 1)
    }

    @Test func t14_backoff() {
        #expect((1...3).map(RetryPolicy().delaySeconds(afterAttempt:)) == [1, 2, 4])
    }

    @Test func t16_t17_t18_cancellation() async throws {
        let h = try await harness()
        defer { h.bindings.root.remove() }
        let id = try await queueJob(h)
        #expect(
            try await h.json("/api/jobs/\(id)", method: "DELETE") == (
                200, ["success": true, "message": "Job cancelled"]
            ))
        #expect(try await h.job(id)?.status == .cancelled)
        let jobs = JobStore(db: h.bindings.db)
        for final in ["completed", "failed"] {
            _ = try await h.bindings.db.prepare("UPDATE queue_jobs SET status = ?").bind(final).run()
            #expect(try await jobs.cancel(id, now: h.bindings.clock.now()) == false)
        }
    }

    @Test func t19_t20_estimates() {
        let planner = RoutePlanner()
        let start = ISODate.parse("2024-01-01T00:00:00Z")!
        let estimate = planner.estimate(pointCount: 10, start: start, end: ISODate.parse("2024-01-31T23:59:59Z")!)
        #expect((30_000...32_000).contains(estimate))
        // Reconciled: the original's tolerance of 1e100 was vacuous; doubling the points doubles the estimate.
        #expect(
            planner.estimate(pointCount: 20, start: start, end: ISODate.parse("2024-01-31T00:00:00Z")!)
                == 2 * planner.estimate(pointCount: 10, start: start, end: ISODate.parse("2024-01-31T00:00:00Z")!))
    }

    @Test func t21_t22_t23_sampleCounting() {
        var data = TimeseriesData(points: ["a", "b", "c", "empty"])
        for (point, count) in [("a", 100), ("b", 150), ("c", 200)] {
            for index in 0..<count { data.add(point: point, time: "t\(index)", value: "1") }
        }
        #expect(data.sampleCount == 450)
        #expect(TimeseriesData(points: []).sampleCount == 0)
        #expect(TimeseriesData(points: ["x"]).sampleCount == 0)
    }
}
