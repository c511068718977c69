import FlareWorkerAPI
import Foundation

/// `request_analytics` in D1: one row per routed timeseries request (the original wrote only to
/// Analytics Engine, so `/api/stats` never saw anything: §9.19).
public struct RequestLog: Sendable {
    /// One routed request.
    public struct Entry: Sendable, Hashable {
        /// `req_…`.
        public var requestId: String
        /// The site.
        public var site: String
        /// Points requested.
        public var pointsCount: Int
        /// The route taken.
        public var route: RouteType
        /// Whether the cache answered.
        public var cacheHit: Bool
        /// The size estimate.
        public var estimatedSize: Int
        /// Milliseconds spent.
        public var durationMs: Int
        /// Whether the request succeeded.
        public var success: Bool
        /// The HTTP status answered.
        public var statusCode: Int
        /// The error, if any.
        public var error: String?
        /// When it was received.
        public var timestamp: Date
    }

    /// The database.
    public let db: any D1Database

    /// Creates a log over `db`.
    public init(db: any D1Database) {
        self.db = db
    }

    /// Records `entry`.
    /// - Throws: `D1Error`.
    public func record(_ entry: Entry) async throws {
        _ = try await db.prepare(
            """
            INSERT INTO request_analytics (request_id, site, points_count, route_type, cache_hit, estimated_size, \
            duration_ms, success, status_code, error, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).bind(
            entry.requestId, entry.site, entry.pointsCount, entry.route.rawValue, entry.cacheHit, entry.estimatedSize,
            entry.durationMs, entry.success, entry.statusCode, entry.error, ISODate.milliseconds(entry.timestamp)
        ).run()
    }

    /// Per-route figures since `since`: `[{route_type, count, avg_duration, cache_hits}]`, routes sorted.
    /// - Throws: `D1Error`.
    public func summary(since: Date) async throws -> [JSONValue] {
        let rows = try await db.prepare(
            """
            SELECT route_type, COUNT(*) AS count, AVG(duration_ms) AS avg_duration, \
            SUM(CASE WHEN cache_hit = 1 THEN 1 ELSE 0 END) AS cache_hits, \
            SUM(CASE WHEN success = 1 THEN 0 ELSE 1 END) AS errors \
            FROM request_analytics WHERE timestamp > ? GROUP BY route_type ORDER BY route_type
            """
        ).bind(ISODate.milliseconds(since)).all().rows
        return rows.map { row in
            .object([
                "route_type": row["route_type"]?.jsonValue ?? .null,
                "count": .int(row["count"]?.int64Value ?? 0),
                "avg_duration": .double(row["avg_duration"]?.doubleValue ?? 0),
                "cache_hits": .int(row["cache_hits"]?.int64Value ?? 0),
                "errors": .int(row["errors"]?.int64Value ?? 0),
            ])
        }
    }

    /// Deletes rows older than `cutoff` (the deploy guide's 30-day analytics cleanup).
    /// - Returns: rows deleted.
    /// - Throws: `D1Error`.
    public func prune(before cutoff: Date) async throws -> Int {
        try await db.prepare("DELETE FROM request_analytics WHERE timestamp < ?").bind(ISODate.milliseconds(cutoff))
            .run().meta.changes
    }
}
