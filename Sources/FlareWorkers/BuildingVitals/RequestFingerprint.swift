import Crypto
import FlareWorkerAPI
import Foundation

/// The identity of a timeseries request: site, the set of points and the full time range.
///
/// It feeds both the R2 cache key and the job's `request_hash`, so a finished job's result is the
/// cache entry the cached route would read. Points are sorted and de-duplicated; times are compared
/// as instants (milliseconds), so `…T00:00:00Z` and `…T00:00:00.000Z` are the same request while
/// `00:00–06:00` and `00:00–23:59` on one day are not (fixes §9.16).
public struct RequestFingerprint: Sendable, Hashable {
    /// The site name as requested.
    public var site: String
    /// The sorted, de-duplicated points.
    public var points: [String]
    /// The start in milliseconds since the epoch.
    public var startMilliseconds: Int64
    /// The end in milliseconds since the epoch.
    public var endMilliseconds: Int64

    /// Creates the fingerprint of a request.
    public init(site: String, points: [String], start: Date, end: Date) {
        self.site = site
        self.points = Array(Set(points)).sorted()
        self.startMilliseconds = ISODate.milliseconds(start)
        self.endMilliseconds = ISODate.milliseconds(end)
    }

    /// The fingerprint of a validated query.
    public init(_ query: TimeseriesQuery) {
        self.init(site: query.site, points: query.points, start: query.start, end: query.end)
    }

    /// The canonical text hashed: a JSON object with sorted keys.
    public var canonicalText: String {
        let value: JSONValue = [
            "end": .int(endMilliseconds),
            "points": .array(points.map(JSONValue.string)),
            "site": .string(site),
            "start": .int(startMilliseconds),
        ]
        return value.jsonString()
    }

    /// SHA-256 of ``canonicalText``, as 64 lowercase hex digits.
    public var sha256: String {
        SHA256.hash(data: Data(canonicalText.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
