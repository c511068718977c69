import FlareWorkerAPI
import Foundation
import Logging

/// What the Building-Vitals worker takes from `env`: bindings, vars and the secret.
///
/// Bindings (`workers/wrangler.toml`): D1 `DB`, R2 `TIMESERIES_CACHE`, queue producer `CHART_QUEUE`.
/// Vars: `ACE_API_URL` (required for upstream calls), `ENVIRONMENT`; optional `DEAD_LETTER_QUEUE`
/// (default `chart-processing-dlq`). Secret: `ACE_API_TOKEN` (sent as `authorization: Bearer …`).
/// A missing binding is `nil`, as an undefined binding in JavaScript (e.g. under `--env development`).
public struct VitalsEnvironment: Sendable {
    /// D1 binding name.
    public static let databaseBinding = "DB"
    /// R2 binding name.
    public static let cacheBinding = "TIMESERIES_CACHE"
    /// Queue producer binding name.
    public static let queueBinding = "CHART_QUEUE"
    /// The main queue.
    public static let queueName = "chart-processing-queue"
    /// The dead-letter queue's default name.
    public static let defaultDeadLetterQueue = "chart-processing-dlq"

    /// The D1 database, if bound.
    public let db: (any D1Database)?
    /// The R2 cache, if bound.
    public let cache: TimeseriesCache?
    /// The queue producer, if bound.
    public let queue: (any Queue)?
    /// The ACE client (`nil` when `ACE_API_URL` is unset).
    public let ace: ACEClient?
    /// The dead-letter queue's name.
    public let deadLetterQueue: String
    /// The clock.
    public let clock: any FlareClock
    /// The logger.
    public let logger: Logger
    /// The router.
    public var planner = RoutePlanner()
    /// The retry policy.
    public var retryPolicy = RetryPolicy()

    /// Reads `env`.
    public init(_ env: WorkerEnvironment) {
        db = try? env.d1(Self.databaseBinding)
        cache = (try? env.r2(Self.cacheBinding)).map {
            TimeseriesCache(bucket: $0, clock: env.clock, logger: env.logger)
        }
        queue = try? env.queue(Self.queueBinding)
        ace = env.vars["ACE_API_URL"].map { url in
            ACEClient(baseURL: url, token: env.vars["ACE_API_TOKEN"]) { url, headers in
                try await env.fetch(url, headers: headers)
            }
        }
        deadLetterQueue = env.vars["DEAD_LETTER_QUEUE"] ?? Self.defaultDeadLetterQueue
        clock = env.clock
        logger = env.logger
    }

    /// The job store, if D1 is bound.
    public var jobs: JobStore? { db.map(JobStore.init(db:)) }

    /// The request log, if D1 is bound.
    public var requestLog: RequestLog? { db.map(RequestLog.init(db:)) }

    /// The ACE client.
    /// - Throws: ``ServiceError`` when `ACE_API_URL` is not configured.
    public func requireACE() throws -> ACEClient {
        guard let ace else { throw ServiceError("ACE_API_URL is not configured") }
        return ace
    }
}
