import Foundation

/// What one suite cost: time, and the increase of the process's peak resident memory.
public struct BenchSuiteSummary: Sendable, Codable, Equatable {
    /// The suite's name.
    public var suite: String
    /// Wall-clock seconds the suite took.
    public var seconds: Double
    /// How much the process's peak RSS grew while the suite ran (`getrusage` maxrss is process-wide and
    /// only grows, so a suite that stays under an earlier peak shows 0).
    public var peakMemoryIncreaseMB: Double
    /// The process's peak RSS after the suite.
    public var processPeakMemoryMB: Double
    /// The error the suite threw, if it failed.
    public var error: String?

    /// Creates a summary.
    public init(
        suite: String, seconds: Double, peakMemoryIncreaseMB: Double, processPeakMemoryMB: Double, error: String? = nil
    ) {
        self.suite = suite
        self.seconds = seconds
        self.peakMemoryIncreaseMB = peakMemoryIncreaseMB
        self.processPeakMemoryMB = processPeakMemoryMB
        self.error = error
    }
}

/// The result of a ``BenchRunner`` run: a human table and the `--json` array.
public struct BenchReport: Sendable, Equatable {
    /// Every measurement, in suite order.
    public var measurements: [BenchMeasurement]
    /// One summary per suite that ran.
    public var suites: [BenchSuiteSummary]

    /// Creates a report.
    public init(measurements: [BenchMeasurement], suites: [BenchSuiteSummary]) {
        self.measurements = measurements
        self.suites = suites
    }

    /// Whether any suite threw.
    public var hasFailures: Bool { suites.contains { $0.error != nil } }

    /// The `--json` output: an array of measurement objects (see ``BenchMeasurement``).
    /// - Throws: an encoding error (not expected).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(measurements)
    }

    /// The human table: one row per measurement, then one line per suite with time and memory.
    public func table() -> String {
        let header = [
            "suite", "metric", "value", "unit", "baseline", "baseline value", "ratio", "target", "spread", "reps",
        ]
        let rows = measurements.map { measurement in
            [
                measurement.suite, measurement.metric, BenchFormat.number(measurement.value), measurement.unit,
                measurement.baselineName ?? "-", measurement.baselineValue.map(BenchFormat.number) ?? "-",
                measurement.ratio.map { BenchFormat.number($0) + "x" } ?? "-", measurement.target ?? "-",
                measurement.spread.map(BenchFormat.percent) ?? "-", "\(measurement.reps)",
            ]
        }
        var lines = BenchFormat.table(header: header, rows: rows, rightAligned: [2, 5, 6, 8, 9])
        lines.append("")
        for summary in suites {
            let status = summary.error.map { " FAILED: \($0)" } ?? ""
            lines.append(
                "\(summary.suite): \(BenchFormat.number(summary.seconds)) s, peak memory +"
                    + "\(BenchFormat.number(summary.peakMemoryIncreaseMB)) MB (process peak "
                    + "\(BenchFormat.number(summary.processPeakMemoryMB)) MB)\(status)")
        }
        let notes = measurements.compactMap { measurement in
            measurement.note.map { "\(measurement.suite)/\(measurement.metric): \($0)" }
        }
        if !notes.isEmpty { lines += [""] + notes }
        return lines.joined(separator: "\n")
    }
}

/// Number and table formatting for the human output.
public enum BenchFormat {
    /// `1,234,567` for large values, `12.35` for medium ones, three significant digits for small ones.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude >= 100 {
            let digits = String(Int64(magnitude.rounded()))
            var grouped = ""
            for (index, character) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(character)
            }
            return (value < 0 ? "-" : "") + grouped
        }
        if magnitude >= 1 || magnitude == 0 { return String(format: "%.2f", value) }
        return String(format: "%.3g", value)
    }

    /// `4.1%`.
    public static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// Columns padded to their widest cell, a rule under the header.
    public static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [render(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
            + rows.map(render)
    }
}
