import FlareTesting
import Foundation
import Testing

@testable import FlareBench

struct VitalsCacheSuiteTests {
    /// A quick run on the shipped fixtures: both cache objects well under the 85% reduction target,
    /// and a cached hit faster than the replayed direct fetch.
    @Test func quickRunReportsSizesAndHitLatencyWithBaselines() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let runner = BenchRunner(suites: [VitalsCacheSuite()], quick: true, temporaryRoot: root.url)
        let report = try await runner.run(names: ["vitals-cache"])
        #expect(!report.hasFailures, "\(report.suites.compactMap(\.error))")
        let measurements = report.measurements
        #expect(
            measurements.map(\.metric) == [
                "stored_ratio_cached_entry", "stored_ratio_job_result", "stored_ratio_cache", "cached_hit_ms",
            ])
        for size in measurements where size.unit == "stored/logical" {
            #expect(size.value > 0 && size.value <= 0.15, "\(size.metric) = \(size.value)")
            if let gzip = size.baselineValue { #expect(gzip > size.value) }
        }
        let latency = try #require(measurements.last)
        #expect(latency.baselineName?.contains("route=direct") == true)
        // Speed is the benchmark's business, not a test's (a debug build on a loaded machine can be anything).
        #expect(latency.value > 0 && (latency.baselineValue ?? 0) > 0 && (latency.ratio ?? 0) > 0)
    }
}
