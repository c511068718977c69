import Foundation

/// A benchmark suite: measures a subject and its baseline in the same run, interleaved.
public protocol BenchSuite: Sendable {
    /// The suite's name on the command line (`d1`, `queues`, ...).
    var name: String { get }
    /// Runs the suite.
    /// - Throws: when the suite cannot run (a failure to set up, a wrong result).
    func run(_ options: BenchOptions) async throws -> [BenchMeasurement]
}

/// What every suite is given.
public struct BenchOptions: Sendable {
    /// Smaller sizes and fewer repetitions (the whole `--quick` run stays under two minutes).
    public var quick: Bool
    /// A scratch directory the suite may fill (removed afterwards).
    public var workDirectory: URL
    /// Repetitions per measurement.
    public var reps: Int

    /// Creates options.
    public init(quick: Bool, workDirectory: URL, reps: Int? = nil) {
        self.quick = quick
        self.workDirectory = workDirectory
        self.reps = reps ?? (quick ? 3 : 5)
    }

    /// A fresh subdirectory of the work directory.
    /// - Throws: a file-system error.
    public func scratch(_ name: String) throws -> URL {
        let url = workDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
