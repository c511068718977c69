import FlareWorkerAPI
import Foundation

/// The smart router (`EnhancedTimeseriesService`, §4.2–§4.6): direct, cached or queued.
public struct TimeseriesService: Sendable {
    /// The worker's bindings and settings.
    public let env: VitalsEnvironment

    /// Creates the service.
    public init(env: VitalsEnvironment) {
        self.env = env
    }

    /// The route `query` takes.
    public func route(for query: TimeseriesQuery) -> (route: RouteType, estimate: Int) {
        let estimate = env.planner.estimate(pointCount: query.points.count, start: query.start, end: query.end)
        return (env.planner.route(estimate: estimate, override: query.routeOverride), estimate)
    }

    /// Serves `query` along `route`.
    /// - Throws: ``ACEUpstreamError``/`FetchError` from ACE, ``ServiceError`` when a binding or var is missing,
    ///   `D1Error`/`QueueError` when queueing fails.
    public func fetch(_ query: TimeseriesQuery, route: RouteType, estimate: Int) async throws -> TimeseriesOutcome {
        switch route {
        case .direct:
            return .data(body: try await directFetch(query), route: .direct, cacheHit: false)
        case .cached:
            return try await cachedFetch(query)
        case .queued:
            return try await queuedFetch(query, estimate: estimate)
        }
    }

    /// Fetches from ACE and encodes the grouped samples.
    func directFetch(_ query: TimeseriesQuery) async throws -> Data {
        let result = try await env.requireACE().fetch(
            site: query.site, points: query.points, startTime: query.startTime, endTime: query.endTime,
            sendPointNames: true
        )
        return result.data.encoded()
    }

    /// Reads the cache, or fetches and stores (awaited, fixing §9.18: an immediate repeat hits).
    func cachedFetch(_ query: TimeseriesQuery) async throws -> TimeseriesOutcome {
        guard let cache = env.cache else {
            return .data(body: try await directFetch(query), route: .cached, cacheHit: false)
        }
        let key = CacheKey.make(query)
        if let hit = await cache.get(key) {
            return .data(body: hit.body, route: .cached, cacheHit: true)
        }
        let result = try await env.requireACE().fetch(
            site: query.site, points: query.points, startTime: query.startTime, endTime: query.endTime,
            sendPointNames: true
        )
        let body = result.data.encoded()
        do {
            try await cache.put(
                key, body: body,
                metadata: CacheEntryMetadata(pointsCount: query.points.count, samplesCount: result.data.sampleCount)
            )
        } catch {
            // A failed cache write must not fail the request: the data is already here.
            env.logger.warning("[R2] Not cached: \(error)")
        }
        return .data(body: body, route: .cached, cacheHit: false)
    }

    /// Reuses an identical active or completed job, else creates a job row and sends its message.
    func queuedFetch(_ query: TimeseriesQuery, estimate: Int) async throws -> TimeseriesOutcome {
        guard let jobs = env.jobs, let queue = env.queue else {
            throw ServiceError("Queue service not available for large request")
        }
        let fingerprint = RequestFingerprint(query)
        if let existing = try await jobs.findReusable(requestHash: fingerprint.sha256) {
            if existing.status == .completed, let key = existing.cacheKey, let hit = await env.cache?.get(key) {
                return .data(body: hit.body, route: .queued, cacheHit: true)
            }
            if existing.status.isActive { return .job(existing, isNew: false) }
        }
        let now = env.clock.now()
        let key = CacheKey.make(fingerprint)
        let job = JobRecord(
            jobId: JobID.make(fingerprint, now: now), requestHash: fingerprint.sha256, site: query.site,
            points: query.points, startTime: query.startTime, endTime: query.endTime, userId: query.userId,
            estimatedSize: estimate, cacheKey: key, now: now
        )
        try await jobs.create(job)
        let message = JobMessage(
            jobId: job.jobId, site: query.site, points: query.points, startTime: query.startTime,
            endTime: query.endTime, userId: query.userId, cacheKey: key
        )
        do {
            try await queue.send(json: message)
        } catch {
            _ = try? await jobs.fail(job.jobId, error: "\(error)", retryCount: nil, now: env.clock.now())
            throw ServiceError("Failed to queue job: \(error)")
        }
        return .job(job, isNew: true)
    }
}
