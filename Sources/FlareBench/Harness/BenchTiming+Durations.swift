/// Helpers for metrics where lower is better (seconds, latency) and for latency percentiles.
extension BenchTiming {
    /// Runs `subject` and `baseline` alternately `reps` times; each returns a duration or latency (lower is
    /// better, e.g. seconds). Returns a measurement with the medians and the ratio **inverted**
    /// (`baseline / subject`) so that higher is still better; the note says so.
    /// - Throws: whatever the closures throw.
    public static func compareDurations(
        suite: String, metric: String, unit: String, reps: Int, baselineName: String, target: String? = nil,
        note: String? = nil, subject: () async throws -> Double, baseline: () async throws -> Double
    ) async rethrows -> BenchMeasurement {
        var measurement = try await compareRates(
            suite: suite, metric: metric, unit: unit, reps: reps, baselineName: baselineName, target: target,
            subject: subject, baseline: baseline)
        let value = measurement.value
        let base = measurement.baselineValue ?? 0
        measurement.ratio = value > 0 ? base / value : nil
        measurement.note = ([note].compactMap { $0 } + ["lower is better; ratio = baseline / value"])
            .joined(separator: "; ")
        return measurement
    }

    /// The `fraction` percentile (0.5 = p50, 0.99 = p99) of `values`, nearest rank (0 for none).
    public static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
