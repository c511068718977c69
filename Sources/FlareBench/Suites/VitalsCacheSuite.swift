import FlareD1
import FlareFetch
import FlareQueues
import FlareR2
import FlareWorkerAPI
import FlareWorkers
import Foundation
import Logging

/// The Building-Vitals worker's R2 cache on the shipped ACE fixtures: how small the cache's objects
/// are on disk (stored/logical, beside gzip at the original's level on the same bytes), and how fast a
/// cached hit answers beside the same request fetched direct from the replayed upstream.
///
/// The worker runs on real bindings (D1 with the shipped migrations, R2, a queue) and the replayed
/// `fixtures/api.ace-iot.com` pages; the cache holds what the worker writes itself: the cached route's
/// entry for 3 points × 4 days and the consumer's result for the queued 50 points × 364 days.
public struct VitalsCacheSuite: BenchSuite {
    /// `vitals-cache`.
    public let name = "vitals-cache"
    /// The repository root (with `fixtures/` and `wrangler-configs/`); found from the working directory when `nil`.
    public let root: URL?

    /// Creates the suite.
    public init(root: URL? = nil) {
        self.root = root
    }

    static let medium =
        "/api/timeseries?site=s1&points=p1,p2,p3&start_time=2025-01-01T00:00:00Z&end_time=2025-01-05T00:00:00Z"
    static let large =
        "/api/timeseries?site=s1&points=\((1...50).map { "p\($0)" }.joined(separator: ","))"
        + "&start_time=2025-01-01T00:00:00Z&end_time=2025-12-31T00:00:00Z"

    /// Runs the suite.
    /// - Throws: when the fixtures or migrations are missing, or the worker answers unexpectedly.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let repository = try root ?? Self.repositoryRoot()
        let logger = Logger(label: "swiftflare.bench.vitals", factory: { _ in SwiftLogNoOpLogHandler() })
        let persist = try options.scratch("vitals-cache")
        let worker = try await VitalsBenchWorker(repository: repository, persistRoot: persist, logger: logger)

        // Fill the cache the way the worker does: a cached miss and a completed queued job.
        let miss = try await worker.get(Self.medium)
        guard miss.response.header("X-Cache-Hit") == "false" else { throw VitalsBenchError("expected a cache miss") }
        try await worker.completeQueuedJob(Self.large)

        var results = try await sizes(worker, scratch: persist, logger: logger)
        let count = options.quick ? 10 : 40
        let direct = Self.medium + "&route=direct"
        guard try await worker.get(Self.medium).data == miss.data,
            try await worker.get(direct).data == miss.data
        else { throw VitalsBenchError("the cached hit or the direct fetch answered other bytes") }
        results.append(
            try await BenchTiming.compareDurations(
                suite: name, metric: "cached_hit_ms", unit: "ms", reps: options.reps,
                baselineName: "the same request with route=direct (3 replayed ACE pages, parsed and grouped)",
                target: "ratio >= 5 (the docs: 0.1–1 s hit vs 1–5 s direct)",
                note: "GET /api/timeseries, 3 points x 4 days (3,456 samples, \(miss.data.count) bytes); "
                    + "mean of \(count) sequential requests per repetition through the worker's fetch handler",
                subject: { try await worker.meanMilliseconds(Self.medium, count: count) },
                baseline: { try await worker.meanMilliseconds(direct, count: count) }))
        return results
    }

    /// Stored/logical size per cache object and over the whole cache, with gzip -6 on the same bytes.
    private func sizes(_ worker: VitalsBenchWorker, scratch: URL, logger: Logger) async throws -> [BenchMeasurement] {
        let stored = try R2Admin(persistRoot: worker.persistRoot, logger: logger).blobEncodings(
            bucket: VitalsBenchWorker.bucketName)
        let entries = stored.filter { $0.key.hasPrefix(CacheKey.prefix) }.sorted { $0.key < $1.key }
        guard entries.count == 2 else { throw VitalsBenchError("expected 2 cache objects, found \(entries.count)") }
        var results: [BenchMeasurement] = []
        var totals = (logical: 0, stored: 0, gzip: 0)
        for (key, info) in entries {
            guard let body = try await worker.bucket.get(key)?.bytes() else {
                throw VitalsBenchError("\(key) vanished")
            }
            let gzip = try Self.gzipSize(body, scratch: scratch)
            totals.logical += body.count
            totals.stored += info.storedSize
            totals.gzip += gzip ?? 0
            let label =
                try await worker.bucket.head(key)?.customMetadata?["jobId"] == nil ? "cached_entry" : "job_result"
            results.append(
                measurement(
                    metric: "stored_ratio_\(label)", stored: info.storedSize, logical: body.count, gzip: gzip,
                    note: "\(key): \(body.count) logical bytes, \(info.storedSize) stored (\(info.encoding))"))
        }
        results.append(
            measurement(
                metric: "stored_ratio_cache", stored: totals.stored, logical: totals.logical,
                gzip: totals.gzip > 0 ? totals.gzip : nil,
                note: "the whole cache: \(totals.logical) logical bytes, \(totals.stored) stored"))
        return results
    }

    private func measurement(metric: String, stored: Int, logical: Int, gzip: Int?, note: String) -> BenchMeasurement {
        let value = Double(stored) / Double(logical)
        let baseline = gzip.map { Double($0) / Double(logical) }
        return BenchMeasurement(
            suite: name, metric: metric, unit: "stored/logical", value: value,
            baselineName: gzip == nil ? nil : "gzip -6 of the same bytes (the original's CompressionStream('gzip'))",
            baselineValue: baseline, ratio: baseline.map { $0 / value }, reps: 1,
            target: "<= 0.15 (>= 85% reduction; the seed claims 60–80%)",
            note: note + String(format: "; reduction %.1f%%; lower is better; ratio = gzip/stored", (1 - value) * 100))
    }

    /// The size of `data` compressed by the `gzip` command at level 6, or `nil` without `gzip`.
    static func gzipSize(_ data: Data, scratch: URL) throws -> Int? {
        guard
            let gzip = ["/usr/bin/gzip", "/bin/gzip"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        let input = scratch.appendingPathComponent("gzip-input-\(UUID().uuidString)")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gzip)
        process.arguments = ["-6", "-n", "-c", input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? compressed.count : nil
    }

    /// The directory above the working directory (or this file) holding `fixtures/api.ace-iot.com`.
    static func repositoryRoot() throws -> URL {
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath), URL(fileURLWithPath: #filePath),
        ]
        for start in starts {
            var url = start
            while url.path != "/" {
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("fixtures/api.ace-iot.com").path) {
                    return url
                }
                url.deleteLastPathComponent()
            }
        }
        throw VitalsBenchError("vitals-cache bench: run it from the repository (fixtures/api.ace-iot.com not found)")
    }
}

/// The vitals-cache benchmark could not run.
struct VitalsBenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
