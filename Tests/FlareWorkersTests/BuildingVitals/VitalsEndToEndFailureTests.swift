import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

/// End-to-end failure paths in the emulator: a failing upstream retried after 1, 2 and 4 s (plus
/// the 30 s batch timeout) and then dead-lettered; cancelled jobs that the consumer leaves alone.
struct VitalsEndToEndFailureTests {
    /// 50 points × 364 days of 2023: queued; ACE answers 500 on every attempt (`s1-error-500-site-…`).
    static let failing = timeseriesPath(
        points: VitalsEndToEndTests.allPoints, start: "2023-01-01T00:00:00Z", end: "2023-12-31T00:00:00Z")

    @Test func failingUpstreamIsRetriedAfterOneTwoFourSecondsThenDeadLettered() async throws {
        try await VitalsEmulator.with { vitals in
            let id = try #require(try await vitals.json(Self.failing).1["jobId"]?.stringValue)
            await vitals.test.settle()
            await vitals.test.advance(by: 30)  // attempt 1, at the batch timeout
            #expect(vitals.upstream.calls.count == 1)
            var job = try await vitals.json("/api/jobs/\(id)").1
            #expect(job["status"] == "retrying" && job["retryCount"] == 1)
            #expect(job["error"] == "HTTP 500: INTERNAL SERVER ERROR")

            // Each redelivery waits its retry delay, then (a batch of one) the 30 s batch timeout.
            for (attempt, delay) in [(2, 1.0), (3, 2.0), (4, 4.0)] {
                let failedAt = vitals.test.clock.now()
                let waiting = try #require(try await vitals.peek(VitalsEnvironment.queueName).arrayValue?.first)
                #expect(waiting["failedAttempts"]?.int64Value == Int64(attempt - 1))
                #expect(waiting["nextDelivery"]?.int64Value == Int64((failedAt.timeIntervalSince1970 + delay) * 1000))
                await vitals.test.advance(by: delay + 29)
                #expect(vitals.upstream.calls.count == attempt - 1, "attempt \(attempt) came early")
                await vitals.test.advance(by: 1)
                #expect(vitals.upstream.calls.count == attempt, "attempt \(attempt) did not come")
            }
            let times = vitals.upstream.calls.map { vitals.elapsed($0.at) }
            #expect(times == [30, 61, 93, 127])

            // After max_retries = 3 the job is failed and the message is in the dead-letter queue.
            job = try await vitals.json("/api/jobs/\(id)").1
            #expect(job["status"] == "failed" && job["retryCount"] == 3 && job["deadLetteredAt"] == nil)
            #expect(try await vitals.peek(VitalsEnvironment.queueName).arrayValue?.isEmpty == true)
            #expect(try await vitals.peek(VitalsEnvironment.defaultDeadLetterQueue).arrayValue?.count == 1)

            // The DLQ consumer (same worker, recognised by queue name) records it without refetching.
            await vitals.test.advance(by: 30)
            job = try await vitals.json("/api/jobs/\(id)").1
            #expect(job["status"] == "failed" && job["deadLetteredAt"] == "2025-01-01T00:02:37.000Z")
            #expect(vitals.upstream.calls.count == 4)
            #expect(try await vitals.peek(VitalsEnvironment.defaultDeadLetterQueue).arrayValue?.isEmpty == true)
            let (_, failures) = try await vitals.json("/api/queue/dlq/failures")
            #expect(failures["count"] == 1 && failures["failures"]?.arrayValue?.first?["jobId"]?.stringValue == id)
            let (_, stats) = try await vitals.json("/api/stats")
            #expect(stats["jobs"]?["failed"] == 1 && stats["jobs"]?["active"] == 0)
            // A failed job is not reused: asking again queues a fresh one.
            let (status, again) = try await vitals.json(Self.failing)
            #expect(status == 202 && again["jobId"]?.stringValue != id)
        }
    }

    @Test func jobCancelledWhileQueuedIsSkippedByTheConsumer() async throws {
        try await VitalsEmulator.with { vitals in
            let id = try #require(try await vitals.json(VitalsEndToEndTests.large).1["jobId"]?.stringValue)
            let (cancelStatus, cancel) = try await vitals.json("/api/jobs/\(id)", method: "DELETE")
            #expect(cancelStatus == 200 && cancel["message"] == "Job cancelled")
            await vitals.test.advance(by: 30)
            let (_, job) = try await vitals.json("/api/jobs/\(id)")
            #expect(job["status"] == "cancelled" && job["progress"] == 0 && job["startedAt"] == nil)
            #expect(vitals.upstream.calls.isEmpty)
            #expect(try await vitals.peek(VitalsEnvironment.queueName).arrayValue?.isEmpty == true)
            #expect(try await vitals.json("/api/jobs/\(id)", method: "DELETE").0 == 404)
            #expect(try await vitals.get("/api/jobs/\(id)/result").0.status.code == 409)
        }
    }

    @Test func jobCancelledWhileProcessingStopsAndIsNotOverwritten() async throws {
        try await VitalsEmulator.with { vitals in
            let id = try #require(try await vitals.json(VitalsEndToEndTests.large).1["jobId"]?.stringValue)
            let cacheKey = try #require(try await vitals.json("/api/jobs/\(id)").1["cacheKey"]?.stringValue)
            await vitals.test.settle()
            vitals.upstream.hold { $0.contains("cursor=eyJvZmZzZXQiOjQwMDB9") }  // page 2
            await vitals.test.clock.advance(by: 30)
            await vitals.upstream.waitUntilHeld()
            #expect(try await vitals.json("/api/jobs/\(id)").1["progress"] == 10)
            #expect(try await vitals.json("/api/jobs/\(id)", method: "DELETE").0 == 200)
            vitals.upstream.release()
            await vitals.test.settle()

            let (_, job) = try await vitals.json("/api/jobs/\(id)")
            #expect(job["status"] == "cancelled" && job["progress"] == 10)
            #expect(job["completedAt"] == nil && job["resultUrl"] == nil)
            #expect(vitals.upstream.calls.count == 2)  // it stopped after the page in flight
            #expect(try await vitals.peek(VitalsEnvironment.queueName).arrayValue?.isEmpty == true)
            let (_, stats) = try await vitals.json("/api/stats")
            #expect(stats["cache"]?["totalObjects"] == 0, "no result stored under \(cacheKey)")
            #expect(stats["jobs"]?["cancelled"] == 1 && stats["jobs"]?["completed"] == 0)
        }
    }
}
