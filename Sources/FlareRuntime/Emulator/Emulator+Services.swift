import FlareWorkerAPI
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

extension Emulator {
    /// Runs the dev server (one HTTP server per fetch worker), the queue consumers and the cron
    /// scheduler as services in one `ServiceGroup`, until SIGINT/SIGTERM: then in-flight requests
    /// and batches finish (bounded by `shutdownGrace`), `waitUntil` work is awaited and storage closes.
    ///
    /// - Parameter onReady: called once every server is listening, with the worker → URL table.
    /// - Throws: when a port cannot be bound.
    public func run(onReady: @escaping @Sendable ([(worker: String, url: String)]) -> Void = { _ in }) async throws {
        try await start()
        let assignments = portAssignments()
        let s3 = makeS3Service(pathPrefix: Self.s3PathPrefix, virtualHostSuffix: nil)
        let s3Port = s3 == nil ? nil : options.s3Port
        let ready = ReadyCounter(expected: max(assignments.count, 1) + (s3Port == nil ? 0 : 1)) {
            onReady(assignments.map { (worker: $0.worker, url: "http://\(self.options.ip):\($0.port)") })
        }
        // Services shut down in reverse order: the emulator's own shutdown (batches, waitUntil,
        // storage) goes first in the list so that it runs after the HTTP servers have drained.
        var services: [any Service] = [ShutdownService(emulator: self)]
        for (index, assignment) in assignments.enumerated() {
            let responder = DevResponder(
                emulator: self, port: assignment.port, workerName: assignment.worker, isPrimary: index == 0,
                options: options, logger: logger, s3: s3)
            var serverLogger = logger
            serverLogger.logLevel = max(logger.logLevel, .notice)
            let app = Application(
                responder: responder, server: .http1AnsweringContinue(),
                configuration: ApplicationConfiguration(
                    address: .hostname(options.ip, port: assignment.port), serverName: "swiftflare"),
                onServerRunning: { _ in ready.arrive() },
                logger: serverLogger)
            services.append(app)
        }
        if assignments.isEmpty { ready.arrive() }
        if let s3, let s3Port {
            services.append(s3PortServer(s3, port: s3Port) { ready.arrive() })
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

/// Calls `action` once `expected` servers have reported that they are listening.
final class ReadyCounter: Sendable {
    private let state: Mutex<Int>
    private let action: @Sendable () -> Void

    init(expected: Int, action: @escaping @Sendable () -> Void) {
        state = Mutex(expected)
        self.action = action
    }

    func arrive() {
        let fire = state.withLock { remaining -> Bool in
            remaining -= 1
            return remaining == 0
        }
        if fire { action() }
    }
}

/// Waits for graceful shutdown, then lets the emulator finish in-flight work and close storage.
struct ShutdownService: Service {
    let emulator: Emulator

    func run() async throws {
        try? await gracefulShutdown()
        await emulator.shutdown()
    }
}
