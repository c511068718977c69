import Foundation

/// Runs benchmark suites in order, each in a fresh scratch directory, and collects their measurements
/// with the peak-memory increase of each suite.
///
/// ```swift
/// let report = try await BenchRunner(quick: true).run(names: ["cron"]) { print($0) }
/// print(report.table())
/// try report.jsonData().write(to: URL(fileURLWithPath: "out.json"))
/// ```
public struct BenchRunner: Sendable {
    /// The suites this runner knows, in the order they run.
    public var suites: [any BenchSuite]
    /// Smaller sizes and fewer repetitions.
    public var quick: Bool
    /// Repetitions per measurement (default: 3 quick, 5 full).
    public var reps: Int?
    /// Where the scratch directories go (default: the system's temporary directory).
    public var temporaryRoot: URL

    /// Creates a runner.
    /// - Parameters:
    ///   - suites: the suites (default: every registered suite, ``BenchRegistry/allSuites``).
    ///   - quick: smaller sizes and fewer repetitions (`--quick`).
    ///   - reps: repetitions per measurement, overriding the default.
    ///   - temporaryRoot: where scratch directories are created.
    public init(
        suites: [any BenchSuite] = BenchRegistry.allSuites, quick: Bool = false, reps: Int? = nil,
        temporaryRoot: URL = FileManager.default.temporaryDirectory
    ) {
        self.suites = suites
        self.quick = quick
        self.reps = reps
        self.temporaryRoot = temporaryRoot
    }

    /// The suites called `names`, in the order given (all suites, in registry order, for none).
    /// - Throws: ``BenchError`` naming the unknown suites and listing the known ones.
    public func select(_ names: [String]) throws -> [any BenchSuite] {
        guard !names.isEmpty else { return suites }
        let unknown = names.filter { name in !suites.contains { $0.name == name } }
        guard unknown.isEmpty else {
            let known = suites.map(\.name).joined(separator: ", ")
            throw BenchError(
                message: "Unknown benchmark suite\(unknown.count > 1 ? "s" : "") "
                    + unknown.map { "'\($0)'" }.joined(separator: ", ")
                    + ". Known suites: \(known.isEmpty ? "none" : known)"
            )
        }
        return names.compactMap { name in suites.first { $0.name == name } }
    }

    /// Runs the named suites (all when `names` is empty). A suite that throws is recorded as failed and the
    /// others still run.
    /// - Parameters:
    ///   - names: suite names, as on the command line.
    ///   - progress: called with a line before and after each suite.
    /// - Throws: ``BenchError`` for unknown suite names, or a file-system error creating the scratch root.
    public func run(names: [String] = [], progress: @Sendable (String) -> Void = { _ in }) async throws -> BenchReport {
        let selected = try select(names)
        let root = temporaryRoot.appendingPathComponent(
            "swiftflare-bench-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var report = BenchReport(measurements: [], suites: [])
        for suite in selected {
            let directory = root.appendingPathComponent(suite.name, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            progress("running \(suite.name)\(quick ? " (quick)" : "")...")
            let peakBefore = BenchTiming.peakMemoryMB()
            var measurements: [BenchMeasurement] = []
            var failure: String?
            let seconds = await BenchTiming.seconds {
                do {
                    measurements = try await suite.run(BenchOptions(quick: quick, workDirectory: directory, reps: reps))
                } catch {
                    failure = "\(error)"
                }
            }
            try? FileManager.default.removeItem(at: directory)
            let peakAfter = BenchTiming.peakMemoryMB()
            let increase = max(0, peakAfter - peakBefore)
            for index in measurements.indices { measurements[index].peakMemoryMB = increase }
            report.measurements += measurements
            report.suites.append(
                BenchSuiteSummary(
                    suite: suite.name, seconds: seconds, peakMemoryIncreaseMB: increase, processPeakMemoryMB: peakAfter,
                    error: failure))
            progress("\(suite.name): \(failure.map { "FAILED: \($0)" } ?? "done") in \(BenchFormat.number(seconds)) s")
        }
        return report
    }
}

/// A benchmark run's problem (an unknown suite name).
public struct BenchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates an error.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
