import FlareFetch
import FlareWorkerAPI
import Foundation
import Logging

/// Outbound fetch: replayed and live (libcurl, one multi thread) fetches per second against a
/// loopback server, beside the `curl` command run in a shell loop on the same requests.
public struct FetchSuite: BenchSuite {
    /// `fetch`.
    public let name = "fetch"

    /// Creates the suite.
    public init() {}

    /// Runs the suite.
    /// - Throws: when the loopback server, the fixture recording or `curl` fails.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        guard
            let curl = ["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            throw FetchError(code: .network, message: "fetch bench: the curl command is not installed")
        }
        let body = Data(String(repeating: #"{"time":1700000000,"close":43250.12},"#, count: 25).utf8)
        let server = try LoopbackServer(body: body)
        defer { server.stop() }
        let logger = Logger(label: "swiftflare.bench.fetch")
        let live = CurlFetcher(logger: logger)
        let fixtures = try options.scratch("fetch-fixtures")
        let request = WorkerRequest(url: URL(string: server.url + "?symbol=BTCUSDT&limit=1000")!)
        _ = try await RecordingFetcher(directory: fixtures, live: live, logger: logger).fetch(request)
        let replay = ReplayingFetcher(store: FixtureStore(directory: fixtures), logger: logger)

        let fetches = options.quick ? 300 : 2000
        let curlRuns = options.quick ? 40 : 200
        let size = "\(body.count)-byte JSON body from a loopback HTTP/1.1 server"
        let curlLoop = "`curl -s -o /dev/null URL` in a shell loop (one process per request)"
        let curlLoopRate = { try await Self.curlLoop(curl: curl, url: request.url.absoluteString, count: curlRuns) }
        var results: [BenchMeasurement] = []
        results.append(
            try await BenchTiming.compareRates(
                suite: name, metric: "live_fetches_per_s", unit: "fetches/s", reps: options.reps,
                baselineName: curlLoop, note: "\(fetches) sequential CurlFetcher fetches, keep-alive; \(size)",
                subject: { try await Self.sequential(live, request, count: fetches) }, baseline: curlLoopRate))
        results.append(
            try await BenchTiming.compareRates(
                suite: name, metric: "live_concurrent_fetches_per_s", unit: "fetches/s", reps: options.reps,
                baselineName: "one `curl` process fetching the URL \(fetches) times (sequential, connection reuse)",
                note: "\(fetches) CurlFetcher fetches, 16 in flight; \(size)",
                subject: { try await Self.concurrent(live, request, count: fetches, width: 16) },
                baseline: { try await Self.curlMany(curl: curl, url: request.url.absoluteString, count: fetches) }))
        results.append(
            try await BenchTiming.compareRates(
                suite: name, metric: "replay_fetches_per_s", unit: "fetches/s", reps: options.reps,
                baselineName: curlLoop, note: "\(fetches * 5) sequential ReplayingFetcher fetches; \(size)",
                subject: { try await Self.sequential(replay, request, count: fetches * 5) }, baseline: curlLoopRate))
        return results
    }

    private static func sequential(_ fetcher: any Fetcher, _ request: WorkerRequest, count: Int) async throws -> Double
    {
        let seconds = try await BenchTiming.seconds {
            for _ in 0..<count {
                let response = try await fetcher.fetch(request)
                guard response.ok, try await !response.body.collect().isEmpty else {
                    throw FetchError(code: .network, message: "fetch bench: bad response \(response.status)")
                }
            }
        }
        return Double(count) / seconds
    }

    private static func concurrent(_ fetcher: any Fetcher, _ request: WorkerRequest, count: Int, width: Int)
        async throws -> Double
    {
        let seconds = try await BenchTiming.seconds {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<width {
                    group.addTask {
                        for _ in stride(from: lane, to: count, by: width) {
                            _ = try await fetcher.fetch(request).body.collect()
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        return Double(count) / seconds
    }

    private static func curlLoop(curl: String, url: String, count: Int) async throws -> Double {
        let script =
            "i=0; while [ $i -lt \(count) ]; do \(curl) -s -f -o /dev/null '\(url)' || exit 1; i=$((i+1)); done"
        return Double(count) / (try await run("/bin/sh", ["-c", script]))
    }

    private static func curlMany(curl: String, url: String, count: Int) async throws -> Double {
        let arguments = ["-s", "-f"] + Array(repeating: ["-o", "/dev/null", url], count: count).flatMap { $0 }
        return Double(count) / (try await run(curl, arguments))
    }

    /// Runs a process without blocking a Swift concurrency thread; returns its wall time in seconds.
    private static func run(_ executable: String, _ arguments: [String]) async throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let start = ContinuousClock.now
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let elapsed = ContinuousClock.now - start
        guard status == 0 else {
            throw FetchError(code: .network, message: "fetch bench: \(executable) exited with \(status)")
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
