import FlareWorkerAPI
import Foundation

extension TimeseriesCache {
    /// Deletes entries older than `maxAge` seconds (default ``maxCacheAge``) and returns how many.
    ///
    /// Listings ask for `customMetadata` (fixes §9.15: without it every `generatedTime` is missing).
    /// - Throws: ``CacheError`` when listing or deleting fails.
    public func cleanup(maxAge: Int? = nil) async throws -> Int {
        var expired: [String] = []
        try await forEachEntry { object in
            if isExpired(Self.generatedTime(of: object), maxAge: maxAge) { expired.append(object.key) }
        }
        // R2 deletes up to 1000 keys per call.
        var start = 0
        while start < expired.count {
            let chunk = Array(expired[start..<min(start + 1000, expired.count)])
            do {
                try await bucket.delete(chunk)
            } catch {
                throw CacheError("Failed to clean up cache: \(error)")
            }
            start += chunk.count
        }
        if !expired.isEmpty { logger.info("[R2] Cleanup deleted \(expired.count) expired entries") }
        return expired.count
    }

    /// Counts, sizes and ages of every entry.
    /// - Throws: ``CacheError`` when listing fails.
    public func stats() async throws -> CacheStats {
        var stats = CacheStats(totalObjects: 0, totalSize: 0)
        try await forEachEntry { object in
            let generated = Self.generatedTime(of: object)
            stats.totalObjects += 1
            stats.totalSize += object.size
            stats.oldestEntry = min(stats.oldestEntry ?? generated, generated)
            stats.newestEntry = max(stats.newestEntry ?? generated, generated)
        }
        return stats
    }

    /// Calls `body` for every object under ``CacheKey/prefix``, following the list cursor.
    private func forEachEntry(_ body: (R2Object) throws -> Void) async throws {
        var cursor: String?
        repeat {
            let page: R2Objects
            do {
                page = try await bucket.list(
                    R2ListOptions(prefix: CacheKey.prefix, cursor: cursor, include: [.customMetadata])
                )
            } catch {
                throw CacheError("Failed to list cache: \(error)")
            }
            for object in page.objects { try body(object) }
            cursor = page.truncated ? page.cursor : nil
        } while cursor != nil
    }
}
