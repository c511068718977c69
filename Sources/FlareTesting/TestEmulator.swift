import FlareConfig
import FlareRuntime
import FlareWorkerAPI
import FlareWorkers
import Foundation
import HTTPTypes
import Logging

/// An in-process emulator for tests: real bindings under a temporary persist root, a
/// ``ManualClock``, replayed fixtures, and requests sent straight to the workers (no socket).
///
/// ```swift
/// try await TestEmulator.with(configPaths: [consumerConfig, producerConfig]) { emulator in
///     let response = await emulator.fetch("/trigger", method: .post, worker: "coinswarm-historical-import")
///     await emulator.advance(by: 60)
/// }
/// ```
public struct TestEmulator: Sendable {
    /// The emulator under test.
    public let emulator: Emulator
    /// Its clock.
    public let clock: ManualClock
    /// The persist root (removed after ``with(configs:workers:fetcher:start:options:_:)``).
    public let persistRoot: URL

    /// Runs `body` against a started emulator for `configs`, then shuts it down and removes state.
    /// - Throws: `EmulatorError` when a config has no registered worker, or what `body` throws.
    public static func with<T: Sendable>(
        configs: [WorkerConfig], workers: [any Worker.Type] = [], fetcher: any Fetcher,
        start: Date = Date(timeIntervalSince1970: 1_735_689_600), options: RuntimeOptions? = nil,
        persistRoot: URL? = nil, _ body: (TestEmulator) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory()
        let root = persistRoot ?? directory.url
        defer { directory.remove() }
        let clock = ManualClock(now: start)
        var runtimeOptions = options ?? RuntimeOptions()
        runtimeOptions.persistRoot = root
        var logger = Logger(label: "swiftflare.test")
        logger.logLevel = .warning
        var registry = WorkerRegistry(BuiltinWorkers.all)
        registry.register(workers)
        let emulator = Emulator(
            configs: configs, registry: registry, options: runtimeOptions, fetcher: fetcher, clock: clock,
            logger: logger)
        try await emulator.start()
        // The cron and queue loops start in their own tasks: wait until they run, so that the first
        // `advance` is measured from `start` (a loop that started after it would skip the firings).
        await emulator.settle()
        let harness = TestEmulator(emulator: emulator, clock: clock, persistRoot: root)
        do {
            let result = try await body(harness)
            await emulator.shutdown()
            return result
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    /// Sends a request to a worker (the primary when `worker` is `nil`).
    public func fetch(
        _ path: String, method: HTTPRequest.Method = .get, body: String? = nil, headers: HTTPFields = [:],
        worker: String? = nil
    ) async -> WorkerResponse {
        let url = URL(string: "http://127.0.0.1:8787\(path)")!
        let request = WorkerRequest(
            method: method, url: url, headers: headers, body: body.map { WorkerBody(text: $0) } ?? .empty)
        return await emulator.fetch(worker: worker, request)
    }

    /// Moves the clock forward, letting every due queue delivery and cron firing run, then waits
    /// for the queues to settle.
    public func advance(by seconds: Double) async {
        await clock.advance(by: seconds)
        await emulator.settle()
    }

    /// Waits until nothing is deliverable right now.
    public func settle() async {
        await emulator.settle()
    }
}
