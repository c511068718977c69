import FlareConfig
import FlareWorkerAPI
import Foundation
import Logging

/// One configured worker: its Swift instance, its `env`, and the dispatch of `fetch`, `queue` and
/// `scheduled` invocations with logging, timing, `waitUntil` tracking and tail events.
public final class WorkerHost: Sendable {
    /// The normalised config.
    public let config: WorkerConfig
    /// The worker instance.
    public let worker: any Worker
    /// The worker's `env`.
    public let env: WorkerEnvironment
    let events: EventHub
    let logger: Logger
    let pending: PendingWork

    /// The worker's name.
    public var name: String { config.name }
    /// Whether the worker has a `fetch` handler.
    public var hasFetch: Bool { worker is any FetchHandler }
    /// Whether the worker has a `queue` handler.
    public var hasQueue: Bool { worker is any QueueHandler }
    /// Whether the worker has a `scheduled` handler.
    public var hasScheduled: Bool { worker is any ScheduledHandler }

    /// `logger` is the runtime's own (request lines, errors); the worker's `env.logger` also feeds
    /// tail's `.log` events, which must not repeat the request events.
    init(
        config: WorkerConfig, worker: any Worker, env: WorkerEnvironment, logger: Logger, events: EventHub,
        pending: PendingWork
    ) {
        self.config = config
        self.worker = worker
        self.env = env
        self.events = events
        self.pending = pending
        self.logger = logger
    }

    /// Runs the `fetch` handler; a thrown error becomes a 500 (with the error in the body when
    /// `showErrors`), a missing handler a 500 with workerd's message.
    public func fetch(_ request: WorkerRequest, showErrors: Bool) async -> WorkerResponse {
        let start = ContinuousClock.now
        let context = makeContext()
        let response: WorkerResponse
        var outcome = "ok"
        if let handler = worker as? any FetchHandler {
            do {
                response = try await handler.fetch(request, env: env, ctx: context)
            } catch {
                outcome = "exception"
                logger.error(
                    "Uncaught error in fetch handler: \(error)", metadata: ["http.path": .string(request.path)])
                let body = showErrors ? "Error: \(error)\n" : "Internal Server Error"
                response = .text(body, status: .internalServerError)
            }
        } else {
            outcome = "exception"
            response = .text("Handler does not export a fetch() function.", status: .internalServerError)
        }
        settleInBackground(context)
        let milliseconds = Self.milliseconds(since: start)
        checkCPULimit(milliseconds, what: "fetch")
        let summary = "\(request.method.rawValue) \(request.url.path) \(response.status.code)"
        logger.info(
            "\(summary) (\(Self.format(milliseconds)))", metadata: ["event": "request", "outcome": "\(outcome)"])
        publish(.request, outcome: outcome == "ok" ? String(response.status.code) : outcome, summary, milliseconds)
        return response
    }

    /// Runs the `scheduled` handler and waits for its `waitUntil` work, as the runtime does for
    /// scheduled events. Returns the outcome (`ok` or `exception`) and whether `noRetry()` was called.
    public func scheduled(cron: String, scheduledTime: Date) async -> ScheduledOutcome {
        let start = ContinuousClock.now
        let context = makeContext()
        let controller = ScheduledController(scheduledTime: scheduledTime, cron: cron)
        var outcome = "ok"
        if let handler = worker as? any ScheduledHandler {
            do {
                try await handler.scheduled(controller, env: env, ctx: context)
            } catch {
                outcome = "exception"
                logger.error("Uncaught error in scheduled handler: \(error)", metadata: ["cron": .string(cron)])
            }
        } else {
            outcome = "exception"
            controller.noRetry()
            logger.warning("\(Self.missingScheduledHandler)")
        }
        await context.settle()
        let milliseconds = Self.milliseconds(since: start)
        checkCPULimit(milliseconds, what: "scheduled")
        let label = cron.isEmpty ? "(manual)" : cron
        logger.info("scheduled \(label) (\(Self.format(milliseconds)))", metadata: ["outcome": "\(outcome)"])
        publish(.scheduled, outcome: outcome, label, milliseconds)
        return ScheduledOutcome(outcome: outcome, noRetry: controller.isRetryDisabled)
    }

    /// Runs the `queue` handler for one batch; rethrows the handler's error so the broker retries.
    /// - Throws: the handler's error, or workerd's error when there is no `queue` handler.
    public func queue(_ batch: MessageBatch) async throws {
        let start = ContinuousClock.now
        let context = makeContext()
        defer { settleInBackground(context) }
        events.throughput.record(queue: batch.queue, messages: batch.messages.count, at: env.clock.nowMilliseconds())
        guard let handler = worker as? any QueueHandler else {
            publish(.batch, outcome: "exception", "\(batch.queue): no queue() handler", 0)
            throw QueueError(code: .configuration, message: "Handler does not export a queue() function.")
        }
        do {
            try await handler.queue(batch, env: env, ctx: context)
            for warning in batch.outcomes.warnings { logger.warning("\(warning)") }
            let milliseconds = Self.milliseconds(since: start)
            publish(.batch, outcome: "ok", "\(batch.queue): \(batch.messages.count) messages", milliseconds)
        } catch {
            let milliseconds = Self.milliseconds(since: start)
            logger.error("Uncaught error in queue handler: \(error)", metadata: ["queue.name": .string(batch.queue)])
            publish(.batch, outcome: "exception", "\(batch.queue): \(batch.messages.count) messages", milliseconds)
            throw error
        }
    }

    private func makeContext() -> ExecutionContext {
        let logger = self.logger
        return ExecutionContext { error in logger.error("Uncaught error in waitUntil: \(error)") }
    }

    /// `waitUntil` work outlives the response; the pending set lets shutdown await it.
    private func settleInBackground(_ context: ExecutionContext) {
        // Most requests register no `waitUntil` work: tracking a task for them costs a task per request.
        guard context.hasPendingWork else { return }
        pending.track { await context.settle() }
    }

    private func checkCPULimit(_ milliseconds: Double, what: String) {
        guard let limit = config.limits.cpuMs, milliseconds > Double(limit) else { return }
        logger.warning(
            "\(what) took \(Self.format(milliseconds)), over [limits] cpu_ms = \(limit) (wall-clock measure locally)")
    }

    private func publish(_ kind: RuntimeEvent.Kind, outcome: String, _ summary: String, _ milliseconds: Double) {
        events.publish(
            RuntimeEvent(
                timestamp: env.clock.nowMilliseconds(), kind: kind, worker: name, outcome: outcome, summary: summary,
                durationMs: milliseconds))
    }

    static let missingScheduledHandler =
        "Received a ScheduledEvent but we lack a handler for ScheduledEvents (a.k.a. Cron Triggers). "
        + "Did you remember to export a scheduled() function?"

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    static func format(_ milliseconds: Double) -> String {
        String(format: "%.1f ms", milliseconds)
    }
}

/// The result of a `scheduled` invocation, as `/cdn-cgi/local/scheduled?format=json` reports it.
public struct ScheduledOutcome: Sendable, Codable, Equatable {
    /// `ok` or `exception`.
    public var outcome: String
    /// Whether the handler called `noRetry()`.
    public var noRetry: Bool

    /// Creates an outcome.
    public init(outcome: String, noRetry: Bool) {
        self.outcome = outcome
        self.noRetry = noRetry
    }
}
