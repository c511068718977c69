import FlareTesting
import Foundation
import Testing

@testable import FlareBench

struct BenchRunnerTests {
    @Test func quickCronRunWritesTheDocumentedJSONSchema() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let runner = BenchRunner(suites: [CronSuite()], quick: true, temporaryRoot: root.url)
        let report = try await runner.run(names: ["cron"])
        #expect(!report.hasFailures)
        #expect(report.suites.map(\.suite) == ["cron"])

        let objects = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [[String: Any]])
        #expect(objects.count == 2)
        for object in objects {
            #expect(object["suite"] as? String == "cron")
            #expect(object["metric"] is String)
            #expect(object["unit"] as? String == "calls/s")
            #expect((object["value"] as? Double ?? 0) > 0)
            #expect(object["baseline_name"] is String)
            #expect(object["baseline_value"] is Double)
            #expect(object["ratio"] is Double)
            #expect(object["reps"] as? Int == 3)
            #expect(object["peak_memory_mb"] is Double)
        }
        // The scratch directories are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        let table = report.table()
        #expect(table.contains("next_after"))
        #expect(table.contains("minute-by-minute scan"))
        #expect(table.contains("peak memory"))
    }

    @Test func measurementsWithoutABaselineKeepEveryKey() throws {
        let measurement = BenchMeasurement(suite: "startup", metric: "first_request", unit: "ms", value: 120, reps: 3)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(measurement)) as? [String: Any])
        for key in ["suite", "metric", "unit", "value", "baseline_name", "baseline_value", "ratio", "reps"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["ratio"] is NSNull)
    }

    @Test func unknownSuitesAreListedWithTheKnownOnes() async throws {
        let runner = BenchRunner(suites: [CronSuite()], quick: true)
        #expect(throws: BenchError(message: "Unknown benchmark suite 'nope'. Known suites: cron")) {
            try runner.select(["nope"])
        }
        #expect(try runner.select([]).map(\.name) == ["cron"])
    }

    @Test func formatsNumbers() {
        #expect(BenchFormat.number(1_234_567.4) == "1,234,567")
        #expect(BenchFormat.number(12.345) == "12.35")
        #expect(BenchFormat.number(0.01234) == "0.0123")
        #expect(BenchFormat.percent(0.041) == "4.1%")
    }
}

struct BenchTimingDurationTests {
    @Test func durationRatiosAreInvertedSoHigherIsBetter() async {
        let measurement = await BenchTiming.compareDurations(
            suite: "import", metric: "seconds", unit: "s", reps: 3, baselineName: "sqlite3 shell",
            subject: { 2.0 }, baseline: { 1.0 })
        #expect(measurement.value == 2)
        #expect(measurement.baselineValue == 1)
        #expect(measurement.ratio == 0.5)
        #expect(measurement.note?.contains("lower is better") == true)
    }

    @Test func percentilesUseTheNearestRank() {
        let values = (1...100).map(Double.init)
        #expect(BenchTiming.percentile(values, 0.5) == 50)
        #expect(BenchTiming.percentile(values, 0.99) == 99)
        #expect(BenchTiming.percentile([], 0.5) == 0)
    }
}
