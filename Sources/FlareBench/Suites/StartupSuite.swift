import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Time from process start of `swiftflare dev` (every config under `wrangler-configs/`, run as a
/// child process) to its first successful request, on fresh state (databases created, migrations
/// applied) and on existing state, beside starting and exiting the same binary (`--version`).
public struct StartupSuite: BenchSuite {
    /// `startup`.
    public let name = "startup"

    /// Creates the suite.
    public init() {}

    /// Runs the suite.
    /// - Throws: when the `swiftflare` binary or `wrangler-configs/` cannot be found, or the server
    ///   does not answer within 30 s.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let binary = try Self.binary()
        guard FileManager.default.fileExists(atPath: "wrangler-configs") else {
            throw LoadGenerator.Failure(
                description: "startup bench: run from the project root (needs wrangler-configs/)")
        }
        let reps = max(options.reps, 5)
        let versionBaseline = "`swiftflare --version` (start and exit of the same binary)"
        let note =
            "`\(binary) dev` on every config in wrangler-configs/ (--no-cron); until `GET \(Self.probePath)` answers"
        let warmState = try options.scratch("startup-warm")
        _ = try await Self.timeToFirstResponse(binary: binary, state: warmState)  // creates the state
        return [
            try await BenchTiming.compareDurations(
                suite: name, metric: "startup_fresh_state_ms", unit: "ms", reps: reps, baselineName: versionBaseline,
                target: "< 300 ms", note: note + "; new persist root each run (D1 migrations applied)",
                subject: { try await Self.timeToFirstResponse(binary: binary, state: try options.scratch("startup")) },
                baseline: { try await Self.versionTime(binary: binary) }),
            try await BenchTiming.compareDurations(
                suite: name, metric: "startup_existing_state_ms", unit: "ms", reps: reps,
                baselineName: versionBaseline, target: "< 300 ms", note: note + "; existing persist root",
                subject: { try await Self.timeToFirstResponse(binary: binary, state: warmState) },
                baseline: { try await Self.versionTime(binary: binary) }),
        ]
    }

    /// A route every seed topology answers with 200 once the workers are built and served.
    static let probePath = "/cdn-cgi/local/workers"

    /// The `swiftflare` executable: `$SWIFTFLARE_BIN`, this process when it is a swiftflare CLI, or
    /// `.build/release|debug/swiftflare`.
    static func binary() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["SWIFTFLARE_BIN"] { return explicit }
        let own = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        if own.lastPathComponent == "swiftflare" { return own.path }
        for candidate in [".build/release/swiftflare", ".build/debug/swiftflare"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw LoadGenerator.Failure(
            description: "startup bench: no swiftflare binary (build it, or set SWIFTFLARE_BIN)")
    }

    /// Milliseconds from launching `swiftflare dev` to the first 200 on ``probePath``.
    static func timeToFirstResponse(binary: String, state: URL) async throws -> Double {
        let port = try LoadGenerator.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "dev", "--port", String(port), "--persist-to", state.path, "--no-cron", "--fetch", "replay",
            "--log-level", "error",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = LoadGenerator.monotonicSeconds()
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let elapsed = try await LoadGenerator.onThread { () throws -> Double in
            while LoadGenerator.monotonicSeconds() - start < 30 {
                if LoadGenerator.probe(port: port, path: probePath) == 200 {
                    return LoadGenerator.monotonicSeconds() - start
                }
                guard process.isRunning else {
                    throw LoadGenerator.Failure(description: "startup bench: swiftflare dev exited early")
                }
                usleep(1000)  // poll every millisecond, as a client retrying a refused connection would
            }
            throw LoadGenerator.Failure(description: "startup bench: no answer within 30 s")
        }
        return elapsed * 1000
    }

    /// Milliseconds to run `swiftflare --version` to completion.
    static func versionTime(binary: String) async throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--version"]
        process.standardOutput = FileHandle.nullDevice
        let start = LoadGenerator.monotonicSeconds()
        try await LoadGenerator.onThread {
            try process.run()
            process.waitUntilExit()
        }
        return (LoadGenerator.monotonicSeconds() - start) * 1000
    }
}
