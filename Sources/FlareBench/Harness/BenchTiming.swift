import Foundation

/// Timing helpers shared by the suites: interleaved repetitions, medians and spreads.
public enum BenchTiming {
    /// Seconds taken by `body`, on the monotonic clock.
    /// - Throws: whatever `body` throws.
    public static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The median of `values` (0 for none).
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// (max - min) / median.
    public static func spread(_ values: [Double]) -> Double {
        let mid = median(values)
        guard mid != 0, let low = values.min(), let high = values.max() else { return 0 }
        return (high - low) / mid
    }

    /// Runs `subject` and `baseline` alternately `reps` times; each returns a rate (higher is
    /// better, e.g. rows/s). Returns a measurement with medians and the ratio.
    /// - Throws: whatever the closures throw.
    public static func compareRates(
        suite: String, metric: String, unit: String, reps: Int, baselineName: String, target: String? = nil,
        note: String? = nil, subject: () async throws -> Double, baseline: () async throws -> Double
    ) async rethrows -> BenchMeasurement {
        var subjectRates: [Double] = []
        var baselineRates: [Double] = []
        for rep in 0..<reps {
            // Alternate which goes first so that warm-up and drift hit both alike.
            if rep % 2 == 0 {
                subjectRates.append(try await subject())
                baselineRates.append(try await baseline())
            } else {
                baselineRates.append(try await baseline())
                subjectRates.append(try await subject())
            }
        }
        let value = median(subjectRates)
        let base = median(baselineRates)
        return BenchMeasurement(
            suite: suite, metric: metric, unit: unit, value: value, baselineName: baselineName, baselineValue: base,
            ratio: base > 0 ? value / base : nil, reps: reps, spread: spread(subjectRates), target: target, note: note
        )
    }

    /// Peak resident memory of this process so far, in megabytes (`getrusage` maxrss).
    public static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
