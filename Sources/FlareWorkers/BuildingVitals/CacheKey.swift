import FlareWorkerAPI
import Foundation

/// R2 cache keys: `timeseries/<site>/<YYYY-MM-DD>_<YYYY-MM-DD>/<sha256>.json`.
///
/// The dates are the UTC days of the range (for humans and prefix listings); the SHA-256 covers the
/// exact site, points and instants (``RequestFingerprint``), so keys never collide. The site segment
/// is sanitised to `[A-Za-z0-9_-]` (at most 64 characters), so no site can inject `/` or `..`.
public enum CacheKey {
    /// The prefix of every cache entry.
    public static let prefix = "timeseries/"

    /// The key for `fingerprint`.
    public static func make(_ fingerprint: RequestFingerprint) -> String {
        let start = ISODate.day(ISODate.date(milliseconds: fingerprint.startMilliseconds))
        let end = ISODate.day(ISODate.date(milliseconds: fingerprint.endMilliseconds))
        return "\(prefix)\(sanitizedSite(fingerprint.site))/\(start)_\(end)/\(fingerprint.sha256).json"
    }

    /// The key for a validated query.
    public static func make(_ query: TimeseriesQuery) -> String {
        make(RequestFingerprint(query))
    }

    /// `site` with every character outside `[A-Za-z0-9_-]` replaced by `_`, cut to 64 characters.
    public static func sanitizedSite(_ site: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        let mapped = String(site.map { allowed.contains($0) ? $0 : "_" }.prefix(64))
        return mapped.isEmpty ? "_" : mapped
    }

    /// Whether `key` has the shape ``make(_:)-4ugxz`` produces (used to refuse foreign keys).
    public static func isValid(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "timeseries", !parts[1].isEmpty,
            parts[1] == Substring(sanitizedSite(String(parts[1]))), parts[2].count == 21,
            parts[3].count == 69, parts[3].hasSuffix(".json")
        else { return false }
        return parts[3].dropLast(5).allSatisfy { "0123456789abcdef".contains($0) }
    }
}
