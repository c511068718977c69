import FlareWorkerAPI
import Foundation

/// Processes `chart-processing-queue` messages (`processJob`, §3.7), one message at a time.
///
/// - Skips jobs that are cancelled or final (§9.12) and stops between pages when a job is cancelled.
/// - Stores progress after every page: 10, 20, … capped at 90, then 100 (§9.8).
/// - Writes the result to R2 at the job's cache key and records the key on the job (§9.9).
/// - On failure: `retrying` plus `message.retry(delaySeconds:)` with 1, 2, 4 s; after the last retry
///   the job is `failed` and the message is retried once more so the platform dead-letters it (§9.10).
public struct JobConsumer: Sendable {
    /// The worker's bindings and settings.
    public let env: VitalsEnvironment

    /// Creates a consumer.
    public init(env: VitalsEnvironment) {
        self.env = env
    }

    /// Thrown inside the page callback when the job stopped being `processing`.
    struct JobStopped: Error {}

    /// Handles one delivered message and settles it with `ack()` or `retry(delaySeconds:)`.
    public func process(_ message: Message) async {
        guard let body = try? message.body.decode(as: JobMessage.self) else {
            env.logger.error("[Queue] Dropping a message that is not a job: \(message.id)")
            message.ack()
            return
        }
        do {
            guard let jobs = env.jobs else { throw ServiceError("D1 binding DB is not configured") }
            guard let job = try await jobs.find(body.jobId) else {
                env.logger.warning("[Queue] Job \(body.jobId) not found; acknowledging")
                message.ack()
                return
            }
            let started = job.status.isFinal ? false : try await jobs.markProcessing(body.jobId, now: env.clock.now())
            if !started {
                env.logger.info("[Queue] Job \(body.jobId) is \(job.status.rawValue); skipping")
                message.ack()
                return
            }
            try await run(body, jobs: jobs)
            message.ack()
        } catch is JobStopped {
            env.logger.info("[Queue] Job \(body.jobId) stopped (cancelled)")
            message.ack()
        } catch {
            await failed(body, message: message, error: error)
        }
    }

    /// Fetches every page with progress, stores the result and completes the job.
    private func run(_ body: JobMessage, jobs: JobStore) async throws {
        guard let cache = env.cache else { throw ServiceError("R2 binding TIMESERIES_CACHE is not configured") }
        let result = try await env.requireACE().fetch(
            site: body.site, points: body.points, startTime: body.startTime, endTime: body.endTime,
            sendPointNames: false
        ) { page, hasMore in
            let progress = hasMore ? min(90, page * 10) : 100
            guard try await jobs.updateProgress(body.jobId, progress: progress, now: env.clock.now()) else {
                throw JobStopped()
            }
        }
        let data = result.data.encoded()
        try await cache.put(
            body.options.cacheKey, body: data,
            metadata: CacheEntryMetadata(
                pointsCount: body.points.count, samplesCount: result.data.sampleCount, jobId: body.jobId
            )
        )
        let completed = try await jobs.complete(
            body.jobId, samplesCount: result.data.sampleCount, dataSize: data.count, cacheKey: body.options.cacheKey,
            now: env.clock.now()
        )
        if !completed { env.logger.info("[Queue] Job \(body.jobId) was cancelled before completing") }
    }

    /// Records the failure and asks the queue to redeliver (or, after the last retry, to dead-letter).
    private func failed(_ body: JobMessage, message: Message, error: any Error) async {
        let text = "\(error)"
        let policy = env.retryPolicy
        let now = env.clock.now()
        do {
            if policy.retries(afterAttempt: message.attempts) {
                _ = try await env.jobs?.markRetrying(body.jobId, retryCount: message.attempts, error: text, now: now)
            } else {
                _ = try await env.jobs?.fail(body.jobId, error: text, retryCount: policy.maxRetries, now: now)
            }
        } catch {
            env.logger.error("[Queue] Could not record failure of \(body.jobId): \(error)")
        }
        guard policy.retries(afterAttempt: message.attempts) else {
            env.logger.error("[Queue] Job \(body.jobId) failed after \(message.attempts) attempts: \(text)")
            message.retry()  // the platform moves it to the dead-letter queue
            return
        }
        let delay = policy.delaySeconds(afterAttempt: message.attempts)
        env.logger.warning("[Queue] Job \(body.jobId) attempt \(message.attempts) failed: \(text); retry in \(delay) s")
        message.retry(delaySeconds: delay)
    }
}
