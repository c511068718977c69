import Foundation
import Testing

@testable import FlareBench

struct BenchTimingTests {
    @Test func medianAndSpread() {
        #expect(BenchTiming.median([3, 1, 2]) == 2)
        #expect(BenchTiming.median([4, 1, 2, 3]) == 2.5)
        #expect(BenchTiming.spread([1, 2, 3]) == 1)
    }

    @Test func measurementEncodesTheDocumentedKeys() throws {
        let measurement = BenchMeasurement(
            suite: "d1", metric: "ingest", unit: "rows/s", value: 2, baselineName: "raw", baselineValue: 4, ratio: 0.5,
            reps: 3)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(measurement)) as? [String: Any]
        for key in ["suite", "metric", "unit", "value", "baseline_name", "baseline_value", "ratio", "reps"] {
            #expect(json?[key] != nil, "missing \(key)")
        }
    }
}
