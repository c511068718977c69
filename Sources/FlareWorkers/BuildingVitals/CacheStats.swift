import FlareWorkerAPI
import Foundation

/// Figures over every cache entry (`getStats()` of the original).
public struct CacheStats: Sendable, Hashable {
    /// The number of entries.
    public var totalObjects: Int
    /// Their total logical (uncompressed) size in bytes, as R2 reports `size`.
    public var totalSize: Int
    /// The oldest entry's generation time, if any.
    public var oldestEntry: Date?
    /// The newest entry's generation time, if any.
    public var newestEntry: Date?

    /// `totalSize` in MiB with two decimals, as the original's `totalSizeMB` string.
    public var totalSizeMB: String {
        String(format: "%.2f", Double(totalSize) / 1_048_576)
    }

    /// The JSON `/api/stats` shows under `cache`.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "totalObjects": .int(Int64(totalObjects)),
            "totalSize": .int(Int64(totalSize)),
            "totalSizeMB": .string(totalSizeMB),
        ]
        if let oldestEntry { object["oldestEntry"] = .string(ISODate.format(oldestEntry)) }
        if let newestEntry { object["newestEntry"] = .string(ISODate.format(newestEntry)) }
        return .object(object)
    }
}
