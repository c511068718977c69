import Foundation
import Testing

@testable import FlareWorkers

struct JobLogicTests {
    @Test func jobIDsHaveTheDocumentedShape() {
        let fingerprint = RequestFingerprint(
            site: "s1", points: ["p1"], start: ISODate.parse("2025-01-01T00:00:00Z")!,
            end: ISODate.parse("2025-01-02T00:00:00Z")!
        )
        let id = JobID.make(fingerprint, now: Date(timeIntervalSince1970: 1_735_689_600.123))
        #expect(id == "job_\(fingerprint.sha256.prefix(16))_1735689600123")
        #expect(JobID.isValid(id))
        #expect(!JobID.isValid("job_l2rq4x_1795393934691"))
        #expect(!JobID.isValid("job_\(fingerprint.sha256.prefix(16))_"))
        let request = JobID.requestID(now: Date(timeIntervalSince1970: 1))
        #expect(request.hasPrefix("req_1000_") && request.count == "req_1000_".count + 9)
    }

    @Test func transitionsFollowTheContract() {
        #expect(JobStatus.queued.canTransition(to: .processing))
        #expect(JobStatus.processing.canTransition(to: .completed))
        #expect(JobStatus.processing.canTransition(to: .retrying))
        #expect(JobStatus.retrying.canTransition(to: .processing))
        #expect(JobStatus.queued.canTransition(to: .cancelled))
        // Final statuses never move: a cancelled job is not overwritten (§9.12), failed never becomes completed.
        for final in [JobStatus.completed, .failed, .cancelled] {
            #expect(final.isFinal)
            for next in JobStatus.allCases { #expect(!final.canTransition(to: next)) }
        }
        #expect(!JobStatus.queued.canTransition(to: .completed))
        #expect(JobStatus.predecessors(of: .cancelled) == [.queued, .processing, .retrying])
        #expect(JobStatus.retrying.isActive)
    }

    @Test func retriesWaitOneTwoFourSeconds() {
        let policy = RetryPolicy()
        #expect((1...3).map(policy.delaySeconds(afterAttempt:)) == [1, 2, 4])
        #expect(policy.retries(afterAttempt: 3))
        #expect(!policy.retries(afterAttempt: 4))
    }

    @Test func messagesMatchTheOriginal() {
        #expect(JobStatus.processing.message(progress: 40, error: nil, retryCount: 0) == "Processing... 40% complete.")
        #expect(JobStatus.failed.message(progress: 0, error: nil, retryCount: 0) == "Request failed: Unknown error")
        #expect(JobStatus.retrying.message(progress: 0, error: nil, retryCount: 2) == "Retrying... (attempt 2)")
        #expect(JobStatus.completed.message(progress: 100, error: nil, retryCount: 0) == "Your data is ready!")
    }
}
