import FlareWorkerAPI
import Foundation

/// What the router produced for one request.
public enum TimeseriesOutcome: Sendable, Hashable {
    /// Data: the `data` object's JSON bytes (exactly what the cache stores), the route, and whether the
    /// cache (or a finished job's stored result) answered.
    case data(body: Data, route: RouteType, cacheHit: Bool)
    /// A job was queued, or an identical active job was found.
    case job(JobRecord, isNew: Bool)
}
