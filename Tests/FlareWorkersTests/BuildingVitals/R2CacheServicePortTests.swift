import FlareWorkerAPI
import Foundation
import Logging
import Testing

@testable import FlareWorkers

/// Port of `tests/workers/r2-cache-service.test.js` (§7.1) against the R2 binding protocol.
/// Numbers in the test names are the original's case numbers.
struct R2CacheServicePortTests {
    func cache(_ bindings: VitalsTestBindings, ttl: Int = 3600, maxAge: Int = 86_400) -> TimeseriesCache {
        TimeseriesCache(
            bucket: bindings.bucket, clock: bindings.clock, logger: Logger(label: "test"), defaultTTL: ttl,
            maxCacheAge: maxAge
        )
    }

    func key(
        _ site: String = "test-site", _ points: [String] = ["point1", "point2"],
        days: (String, String) = ("2024-01-01", "2024-01-31")
    )
        -> String
    {
        CacheKey.make(
            RequestFingerprint(site: site, points: points, start: ISODate.parse(days.0)!, end: ISODate.parse(days.1)!)
        )
    }

    func json(_ value: JSONValue) -> Data { value.jsonData() }

    // Cache Key Generation
    @Test func t01_consistentKeys() { #expect(key() == key()) }

    @Test func t02_pointOrderNormalised() { #expect(key("s", ["a", "b", "c"]) == key("s", ["c", "a", "b"])) }

    @Test func t03_dateRangeInKey() {
        let january = key(days: ("2024-01-01", "2024-01-31"))
        let february = key(days: ("2024-02-01", "2024-02-29"))
        #expect(january != february && january.contains("2024-01-01") && february.contains("2024-02-01"))
    }

    /// Reconciled: the original only changed the extension to `.msgpack`; no MessagePack encoding existed,
    /// so the port has JSON keys only.
    @Test func t04_formatsAreJSONOnly() { #expect(key().hasSuffix(".json")) }

    // Put Operations
    /// Reconciled (§9.14): the counts are strings, as R2's `Record<string, string>` requires.
    @Test func t05_storesJSONWithStringCounts() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b).put(
            key(), body: json(["test": "data"]), metadata: CacheEntryMetadata(pointsCount: 1, samplesCount: 1))
        let head = try #require(try await b.bucket.head(key()))
        #expect(head.customMetadata?["pointsCount"] == "1" && head.customMetadata?["samplesCount"] == "1")
    }

    @Test func t06_metadataIncludesGeneratedTimeAndCustomFields() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        let metadata = CacheEntryMetadata(
            pointsCount: 10, samplesCount: 1000, extra: ["customField": "custom-value", "pointsCount": "99"])
        try await cache(b).put(key(), body: json(["a": 1]), metadata: metadata)
        let custom = try #require(try await b.bucket.head(key())?.customMetadata)
        #expect(custom["pointsCount"] == "10" && custom["samplesCount"] == "1000")
        #expect(custom["generatedTime"] == "2025-01-01T00:00:00.000Z")
        #expect(custom["customField"] == "custom-value")
    }

    @Test func t07_stringDataIsStoredAsJSON() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b).put(key(), body: Data("{\"x\":\"y\"}".utf8))
        #expect(try await b.bucket.head(key())?.httpMetadata?.contentType == "application/json")
    }

    /// Reconciled: the cache stores JSON response bodies only; bytes are stored byte-identical.
    @Test func t08_bytesAreStoredVerbatim() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        let bytes = Data((0...255).map(UInt8.init))
        try await cache(b).put(key(), body: bytes)
        #expect(try await b.bucket.get(key())?.bytes() == bytes)
    }

    @Test func t09_cacheControl() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b, ttl: 7200).put(key(), body: json(["a": 1]))
        #expect(try await b.bucket.head(key())?.httpMetadata?.cacheControl == "max-age=7200")
    }

    // Get Operations
    @Test func t10_roundTrip() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        let body = json(["point1": ["samples": [["time": "2024-01-01T00:00:00Z", "value": 72.5]], "count": 1]])
        try await cache(b).put(key(), body: body)
        #expect(await cache(b).get(key())?.body == body)
    }

    @Test func t11_missingKeyIsNil() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        #expect(await cache(b).get(key("nope")) == nil)
    }

    /// Reconciled: the original only asserted that `get` was called (vacuous, §9.24). Expired entries are
    /// `nil` and deleted; time moves on the manual clock, not by sleeping.
    @Test func t12_expiredIsNilAndDeleted() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b, maxAge: 1).put(key(), body: json(["a": 1]))
        await b.clock.advance(by: 1.1)
        #expect(await cache(b, maxAge: 1).get(key()) == nil)
        #expect(try await b.bucket.head(key()) == nil)
    }

    @Test func t13_parsesJSON() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b).put(key(), body: json(["points": ["a", "b"]]))
        let entry = try #require(await cache(b).get(key()))
        #expect(try JSONValue(parsing: entry.body)["points"]?.arrayValue?.count == 2)
    }

    // Exists Operation
    @Test func t14_t15_exists() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        #expect(await cache(b).exists(key()) == false)
        try await cache(b).put(key(), body: json(["a": 1]))
        #expect(await cache(b).exists(key()))
    }

    /// Reconciled: with a real bucket calls cannot be spied on; `exists` on an expired entry is false and,
    /// being a HEAD, leaves the object in place.
    @Test func t16_existsUsesHeadOnly() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b, maxAge: 10).put(key(), body: json(["a": 1]))
        await b.clock.advance(by: 11)
        #expect(await cache(b, maxAge: 10).exists(key()) == false)
        #expect(try await b.bucket.head(key()) != nil)
    }

    // Delete Operation
    @Test func t17_t18_delete() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b).put(key(), body: json(["a": 1]))
        await cache(b).delete(key())
        #expect(await cache(b).exists(key()) == false)
        await cache(b).delete(key("never-there"))
    }

    // Cleanup Operation
    @Test func t19_removesExpiredEntries() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        let service = cache(b)
        try await service.put(key("week"), body: json(["a": 1]))
        await b.clock.advance(by: 6 * 86_400)
        try await service.put(key("day"), body: json(["a": 1]))
        await b.clock.advance(by: 86_400 - 3600)
        try await service.put(key("hour"), body: json(["a": 1]))
        await b.clock.advance(by: 3600)
        #expect(try await service.cleanup(maxAge: 2 * 86_400) == 1)
        #expect(try await b.bucket.head(key("week")) == nil)
    }

    /// Reconciled: deterministic (the original depended on 1 ms elapsing).
    @Test func t20_cleanupOfManyEntries() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        for index in 0..<150 { try await cache(b).put(key("site\(index)"), body: json(["i": .int(Int64(index))])) }
        await b.clock.advance(by: 1)
        #expect(try await cache(b).cleanup(maxAge: 0) == 150)
        #expect(try await cache(b).stats().totalObjects == 0)
    }

    // Statistics
    @Test func t21_statistics() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        for (index, size) in [1000, 2000, 1500].enumerated() {
            try await cache(b).put(key("s\(index)"), body: Data(repeating: 0x20, count: size))
            await b.clock.advance(by: 60)
        }
        let stats = try await cache(b).stats()
        #expect(stats.totalObjects == 3 && stats.totalSize == 4500 && stats.totalSizeMB == "0.00")
        #expect(stats.oldestEntry == ISODate.parse("2025-01-01T00:00:00Z"))
        #expect(stats.newestEntry == ISODate.parse("2025-01-01T00:02:00Z"))
    }

    @Test func t22_emptyCache() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        let stats = try await cache(b).stats()
        #expect(stats.totalObjects == 0 && stats.totalSize == 0 && stats.oldestEntry == nil)
    }

    // Compression: reconciled (§9.13). The R2 binding compresses at rest; the worker stores the JSON with no
    // false `contentEncoding` label and records the logical size.
    @Test func t23_t24_t25_compressionIsTheBindingsJob() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        let body = json(["test": .string(String(repeating: "data", count: 1000))])
        try await cache(b).put(key(), body: body)
        let head = try #require(try await b.bucket.head(key()))
        #expect(head.httpMetadata?.contentEncoding == nil)
        #expect(head.customMetadata?["originalSize"] == String(body.count))
        #expect(head.size == body.count)
        #expect(await cache(b).get(key())?.body == body)
    }

    // Error Handling
    @Test func t26_putErrorsAreReported() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        let tooLong = String(repeating: "k", count: 1100)
        await #expect {
            try await cache(b).put(tooLong, body: json(["a": 1]))
        } throws: { ($0 as? CacheError)?.message.hasPrefix("Failed to cache data") == true }
    }

    @Test func t27_getErrorsAreNil() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        #expect(await cache(b).get(String(repeating: "k", count: 1100)) == nil)
    }

    /// Reconciled: the cache hands back bytes; it never parses them, so invalid JSON is returned verbatim.
    @Test func t28_invalidJSONIsReturnedVerbatim() async throws {
        let b = try await makeBindings()
        defer { b.root.remove() }
        try await cache(b).put(key(), body: Data("invalid json{".utf8))
        #expect(await cache(b).get(key())?.body == Data("invalid json{".utf8))
    }
}
