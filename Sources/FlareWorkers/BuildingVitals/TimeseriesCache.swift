import FlareWorkerAPI
import Foundation
import Logging

/// The R2 cache service (`R2CacheService` of the original, §2), over any ``R2Bucket``.
///
/// Bodies are stored as plain JSON with honest HTTP metadata (no `contentEncoding` label): the R2
/// binding keeps objects Brotli-compressed at rest, and `get` returns the identical bytes (§9.13).
/// Expiry is `maxCacheAge` from `generatedTime`, falling back to the upload time when that is
/// missing, so no entry lives forever (§9.17).
///
/// ```swift
/// let cache = TimeseriesCache(bucket: try env.r2("TIMESERIES_CACHE"), clock: env.clock, logger: env.logger)
/// try await cache.put(key, body: json, metadata: CacheEntryMetadata(pointsCount: 2, samplesCount: 96))
/// let hit = await cache.get(key)
/// ```
public struct TimeseriesCache: Sendable {
    /// The bucket.
    public let bucket: any R2Bucket
    /// The clock that dates entries and judges their age.
    public let clock: any FlareClock
    /// Where failures are logged.
    public let logger: Logger
    /// Seconds written into `Cache-Control: max-age` (default 3600).
    public var defaultTTL: Int
    /// Seconds after which an entry is expired (default 86400).
    public var maxCacheAge: Int

    /// Creates the service; a TTL or age of 0 or less falls back to the default, as the original's `||`.
    public init(
        bucket: any R2Bucket, clock: any FlareClock, logger: Logger, defaultTTL: Int = 3600, maxCacheAge: Int = 86_400
    ) {
        self.bucket = bucket
        self.clock = clock
        self.logger = logger
        self.defaultTTL = defaultTTL > 0 ? defaultTTL : 3600
        self.maxCacheAge = maxCacheAge > 0 ? maxCacheAge : 86_400
    }

    /// Stores `body` (JSON bytes) under `key`.
    /// - Throws: ``CacheError`` (`Failed to cache data: <reason>`) when R2 refuses the write.
    public func put(_ key: String, body: Data, metadata: CacheEntryMetadata = CacheEntryMetadata()) async throws {
        let options = R2PutOptions(
            httpMetadata: R2HTTPMetadata(contentType: "application/json", cacheControl: "max-age=\(defaultTTL)"),
            customMetadata: metadata.customMetadata(generated: clock.now(), originalSize: body.count)
        )
        do {
            _ = try await bucket.put(key, .bytes(body), options: options)
            logger.debug("[R2] Cached: \(key) (\(body.count) bytes)", metadata: ["r2.key": "\(key)"])
        } catch {
            logger.error("[R2] Put error for \(key): \(error)")
            throw CacheError("Failed to cache data: \(error)")
        }
    }

    /// The entry under `key`, or `nil` when missing, expired (then deleted) or unreadable.
    public func get(_ key: String) async -> CacheEntry? {
        do {
            guard let object = try await bucket.get(key) else {
                logger.debug("[R2] Cache miss: \(key)")
                return nil
            }
            let generated = Self.generatedTime(of: object.object)
            if isExpired(generated) {
                await delete(key)
                return nil
            }
            let body = try await object.bytes()
            return CacheEntry(
                key: key, body: body, customMetadata: object.object.customMetadata ?? [:], generated: generated
            )
        } catch {
            logger.warning("[R2] Get error for \(key): \(error)")
            return nil
        }
    }

    /// Whether a fresh entry exists under `key` (a `head`, no body download).
    public func exists(_ key: String) async -> Bool {
        guard let object = try? await bucket.head(key) else { return false }
        return !isExpired(Self.generatedTime(of: object))
    }

    /// Deletes `key`; errors are logged and swallowed.
    public func delete(_ key: String) async {
        do {
            try await bucket.delete(key)
        } catch {
            logger.warning("[R2] Delete error for \(key): \(error)")
        }
    }

    /// Whether an entry generated at `generated` is older than ``maxCacheAge``.
    func isExpired(_ generated: Date, maxAge: Int? = nil) -> Bool {
        clock.now().timeIntervalSince(generated) > Double(maxAge ?? maxCacheAge)
    }

    /// `generatedTime` from the custom metadata, else the upload time.
    static func generatedTime(of object: R2Object) -> Date {
        object.customMetadata?["generatedTime"].flatMap(ISODate.parse) ?? object.uploaded
    }
}
