import FlareConfig
import FlareFetch
import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Testing

@testable import FlareWorkers

/// The Building-Vitals worker inside the emulator: `wrangler-configs/building-vitals/wrangler.toml`
/// with its migrations, real D1, R2 and queue bindings, the manual clock, and the ACE fixtures of
/// `fixtures/api.ace-iot.com` replayed through a ``VitalsTracingFetcher``.
struct VitalsEmulator {
    let test: TestEmulator
    let upstream: VitalsTracingFetcher

    /// The shipped config with `ACE_API_TOKEN` set, as `.dev.vars` would.
    static func config() throws -> WorkerConfig {
        let path = repositoryRoot().appendingPathComponent("wrangler-configs/building-vitals/wrangler.toml").path
        let loaded = try WranglerConfigLoader.load(path: path)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.render())")
        var config = loaded.config
        config.secrets["ACE_API_TOKEN"] = "e2e-token"
        return config
    }

    /// Runs `body` against a fresh emulator (its own temporary persist root).
    static func with<T: Sendable>(_ body: (VitalsEmulator) async throws -> T) async throws -> T {
        let replay = ReplayingFetcher(
            store: FixtureStore(directory: repositoryRoot().appendingPathComponent("fixtures"), trackUsage: false),
            logger: Logger(label: "vitals.e2e.fetch"))
        let upstream = VitalsTracingFetcher(inner: replay)
        // TestEmulator's clock starts at 2025-01-01T00:00:00Z.
        return try await TestEmulator.with(configs: [try config()], fetcher: upstream) { test in
            upstream.attach(clock: test.clock)
            return try await body(VitalsEmulator(test: test, upstream: upstream))
        }
    }

    /// A request to the worker: the response and its body bytes.
    func get(_ pathAndQuery: String, method: String = "GET") async throws -> (WorkerResponse, Data) {
        let response = await test.fetch(pathAndQuery, method: .init(method)!)
        return (response, try await response.body.collect())
    }

    /// A request to the worker: the status and its JSON body.
    func json(_ pathAndQuery: String, method: String = "GET") async throws -> (Int, JSONValue) {
        let (response, data) = try await get(pathAndQuery, method: method)
        return (response.status.code, try JSONValue(parsing: data))
    }

    /// `GET /cdn-cgi/local/queues/<queue>/messages`: what waits in a queue.
    func peek(_ queue: String) async throws -> JSONValue {
        let response = await test.emulator.control(
            method: .get, path: "/cdn-cgi/local/queues/\(queue)/messages", query: ["limit": "100"], body: nil)
        return try JSONValue(parsing: try await response.body.collect())
    }

    /// Seconds since the emulator started (the clock starts at 2025-01-01T00:00:00Z).
    func elapsed(_ date: Date) -> Double { date.timeIntervalSince1970 - 1_735_689_600 }
}
