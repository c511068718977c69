import FlareConfig
import FlareWorkerAPI
import Foundation
import Logging

/// The emulator: one topology from many configs. Each queue, D1 database and R2 bucket is created
/// once and shared by every worker that binds it, so a producer in one config and a consumer in
/// another exchange messages through one queue.
///
/// ```swift
/// let emulator = Emulator(configs: configs, registry: registry, options: options, fetcher: fetcher,
///                         clock: SystemClock(), logger: logger)
/// try await emulator.start()
/// let response = await emulator.fetch(worker: "coinswarm-historical-import", request)
/// ```
public actor Emulator {
    /// Runtime events for `swiftflare tail` and the inspector.
    public nonisolated let events = EventHub()
    /// The options the emulator runs with.
    public nonisolated let options: RuntimeOptions
    /// The injected clock.
    public nonisolated let clock: any FlareClock
    nonisolated let logger: Logger
    nonisolated let fetcher: any Fetcher
    nonisolated let pending = PendingWork()
    let registry: WorkerRegistry

    var configs: [WorkerConfig]
    var hosts: [String: WorkerHost] = [:]
    var resources: Resources?
    var started = false
    /// Whether ``shutdown()`` has begun (no new batches start from then on).
    public private(set) var isShuttingDown = false

    /// Creates an emulator for `configs` (normalised, error-free).
    public init(
        configs: [WorkerConfig], registry: WorkerRegistry, options: RuntimeOptions, fetcher: any Fetcher,
        clock: any FlareClock, logger: Logger
    ) {
        self.configs = configs
        self.registry = registry
        self.options = options
        self.fetcher = fetcher
        self.clock = clock
        self.logger = logger
    }

    /// Builds the bindings and workers, applies migrations and attaches queue consumers and cron
    /// triggers (but runs no service: see ``run()``).
    /// - Throws: `EmulatorError` naming every config without a registered worker, or a binding's
    ///   error when its storage cannot be opened.
    public func start() async throws {
        guard !started else { return }
        let problems = configs.compactMap { config -> String? in
            registry.type(named: config.name) == nil
                ? registry.unregisteredMessage(for: config.name, configPath: config.configPath) : nil
        }
        guard problems.isEmpty else { throw EmulatorError(messages: problems) }
        let resources = try await Resources.open(
            configs: configs, options: options, clock: clock, logger: logger)
        self.resources = resources
        for config in configs {
            hosts[config.name] = try await makeHost(config, resources: resources)
        }
        try await resources.attach(hosts: configs.compactMap { hosts[$0.name] }, logger: logger)
        resources.startLoops(emulator: self)
        started = true
    }

    func makeHost(_ config: WorkerConfig, resources: Resources) async throws -> WorkerHost {
        guard let type = registry.type(named: config.name) else {
            throw EmulatorError(messages: [
                registry.unregisteredMessage(for: config.name, configPath: config.configPath)
            ])
        }
        var workerLogger = logger
        workerLogger[metadataKey: "worker"] = .string(config.name)
        var vars = config.vars
        for (name, value) in config.secrets { vars[name] = value }
        let env = WorkerEnvironment(
            workerName: config.name, vars: vars, secretNames: Set(config.secrets.keys),
            bindings: try await resources.bindings(for: config), fetcher: fetcher, clock: clock,
            logger: EventLogHandler.teeing(workerLogger, events: events, worker: config.name, clock: clock))
        return WorkerHost(
            config: config, worker: type.init(), env: env, logger: workerLogger, events: events, pending: pending)
    }

    /// The worker named `name`, if configured.
    public func host(named name: String) -> WorkerHost? {
        hosts[name]
    }

    /// The configured workers, in config order.
    public var workers: [WorkerHost] {
        configs.compactMap { hosts[$0.name] }
    }

    /// Whether `name` is a worker with a `fetch` handler.
    public func servesFetch(_ name: String) -> Bool {
        hosts[name]?.hasFetch ?? false
    }

    /// Workers with a fetch handler and their ports: the primary on `options.port`, the others on
    /// consecutive ports, in config order.
    public func portAssignments() -> [(worker: String, port: Int)] {
        var fetchWorkers = workers.filter(\.hasFetch).map(\.name)
        let primary =
            options.primaryWorker.flatMap { name in fetchWorkers.contains(name) ? name : nil }
            ?? fetchWorkers.first
        if let primary, let index = fetchWorkers.firstIndex(of: primary) {
            fetchWorkers.remove(at: index)
            fetchWorkers.insert(primary, at: 0)
        }
        let base = options.port
        return fetchWorkers.enumerated().map { (worker: $0.element, port: base + $0.offset) }
    }

    /// Sends `request` to a worker's `fetch` handler (the primary when `worker` is `nil`).
    public func fetch(worker: String? = nil, _ request: WorkerRequest) async -> WorkerResponse {
        let name = worker ?? portAssignments().first?.worker
        guard let name, let host = hosts[name] else {
            return .text("No worker named \(worker ?? "(primary)")", status: .notFound)
        }
        return await host.fetch(request, showErrors: options.showErrors)
    }

    /// Fires a worker's `scheduled` handler as the trigger endpoints do; `nil` for an unknown worker.
    public func scheduled(worker: String, cron: String, time: Date?) async -> ScheduledOutcome? {
        guard let host = hosts[worker] else { return nil }
        let scheduledTime = time ?? clock.now()
        return await host.scheduled(cron: cron, scheduledTime: scheduledTime)
    }

    /// Waits until queues have nothing deliverable right now and `waitUntil` work has finished.
    public func settle() async {
        await resources?.settle()
        await pending.drain()
        await resources?.settle()
    }

    /// Finishes in-flight work and closes storage.
    public func shutdown() async {
        isShuttingDown = true
        await resources?.shutdown(grace: options.shutdownGrace)
        if await !pending.drain(within: options.shutdownGrace) {
            logger.warning("waitUntil work still running after the shutdown grace period was cancelled")
        }
    }
}

/// The emulator could not start: each message names a config and what is wrong.
public struct EmulatorError: Error, Sendable, CustomStringConvertible {
    /// The problems, one per line.
    public var messages: [String]

    /// Creates an error.
    public init(messages: [String]) {
        self.messages = messages
    }

    /// The messages, one per line.
    public var description: String { messages.joined(separator: "\n") }
}
