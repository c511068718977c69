import Foundation

/// The dev server's request path: requests/s and p50/p99 latency of a trivial fetch worker served
/// by `swiftflare dev` (the emulator's `run`, with its queue and cron services), beside a bare
/// Hummingbird server answering the same body, under the same in-repo load generator over loopback.
public struct HTTPSuite: BenchSuite {
    /// `http`.
    public let name = "http"

    /// Creates the suite.
    public init() {}

    /// Runs the suite.
    /// - Throws: when a server cannot start or a response is not a 200.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let dev = try await DevServerUnderTest.start(scratch: try options.scratch("http-dev"))
        let bare = try await BareHummingbirdServer.start()
        do {
            let results = try await measure(options, dev: dev.port, bare: bare.port)
            await dev.stop()
            await bare.stop()
            return results
        } catch {
            await dev.stop()
            await bare.stop()
            throw error
        }
    }

    private func measure(_ options: BenchOptions, dev: Int, bare: Int) async throws -> [BenchMeasurement] {
        let requests = options.quick ? 4000 : 20000
        let connections = 8
        let limit = options.quick ? 5.0 : 15.0
        func load(_ port: Int, _ path: String, count: Int) async throws -> LoadGenerator.Result {
            try await LoadGenerator(port: port, path: path, connections: connections, requests: count, seconds: limit)
                .run()
        }
        // Warm both (connection setup, first-request allocations) before measuring.
        _ = try await load(dev, DevServerUnderTest.path, count: 500)
        _ = try await load(bare, BareHummingbirdServer.path, count: 500)

        var devRuns: [LoadGenerator.Result] = []
        var bareRuns: [LoadGenerator.Result] = []
        for rep in 0..<options.reps {
            // Alternate which goes first so that warm-up and drift hit both alike.
            if rep % 2 == 0 {
                devRuns.append(try await load(dev, DevServerUnderTest.path, count: requests))
                bareRuns.append(try await load(bare, BareHummingbirdServer.path, count: requests))
            } else {
                bareRuns.append(try await load(bare, BareHummingbirdServer.path, count: requests))
                devRuns.append(try await load(dev, DevServerUnderTest.path, count: requests))
            }
        }
        let note =
            "\(requests) GETs per run over \(connections) keep-alive loopback connections (in-repo load generator, "
            + "at most \(Int(limit)) s); body \"\(DevServerUnderTest.body.trimmingCharacters(in: .newlines))\""
        let baselineName = "bare Hummingbird 2 server (one route, same body and headers)"
        return [
            Self.measurement(
                metric: "requests_per_s", unit: "requests/s", devRuns, bareRuns, \.requestsPerSecond,
                baselineName: baselineName, higherIsBetter: true, target: ">= 0.80", note: note, reps: options.reps),
            Self.measurement(
                metric: "p50_latency_ms", unit: "ms", devRuns, bareRuns,
                { BenchTiming.percentile($0.latencies, 0.5) }, baselineName: baselineName, higherIsBetter: false,
                target: nil, note: note, reps: options.reps),
            Self.measurement(
                metric: "p99_latency_ms", unit: "ms", devRuns, bareRuns,
                { BenchTiming.percentile($0.latencies, 0.99) }, baselineName: baselineName, higherIsBetter: false,
                target: nil, note: note, reps: options.reps),
        ]
    }

    private static func measurement(
        metric: String, unit: String, _ dev: [LoadGenerator.Result], _ bare: [LoadGenerator.Result],
        _ figure: (LoadGenerator.Result) -> Double, baselineName: String, higherIsBetter: Bool, target: String?,
        note: String, reps: Int
    ) -> BenchMeasurement {
        let values = dev.map(figure)
        let value = BenchTiming.median(values)
        let base = BenchTiming.median(bare.map(figure))
        let ratio: Double? = higherIsBetter ? (base > 0 ? value / base : nil) : (value > 0 ? base / value : nil)
        return BenchMeasurement(
            suite: "http", metric: metric, unit: unit, value: value, baselineName: baselineName, baselineValue: base,
            ratio: ratio, reps: reps, spread: BenchTiming.spread(values), target: target,
            note: higherIsBetter ? note : note + "; lower is better; ratio = baseline / value")
    }
}
