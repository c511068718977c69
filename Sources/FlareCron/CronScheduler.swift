import FlareWorkerAPI
import Foundation
import Logging

/// Fires `scheduled` on schedule for every registered worker trigger (Cloudflare's local emulator never
/// does), sleeping on an injected clock between due minutes.
///
/// - One firing per expression per due minute, in time order across all triggers, with
///   `scheduledTime` = the due minute and `cron` = the expression as written.
/// - The last fired minute of each trigger is persisted in `<persistRoot>/v3/cron/state.json` **before**
///   the firing is delivered, so a restart never fires a minute twice.
/// - Runs missed while stopped are skipped and counted in the log by default; with `catchUp`, every
///   trigger that missed runs fires once, for its latest missed minute.
/// - A trigger seen for the first time starts from the current time: nothing in the past fires.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/configuration/cron-triggers/>
///
/// ```swift
/// let scheduler = CronScheduler(persistRoot: root, clock: clock, logger: logger)
/// try await scheduler.register(worker: "producer", crons: ["*/30 * * * *"])
/// let task = Task { await scheduler.run { firing in await runtime.scheduled(firing) } }
/// ```
public actor CronScheduler {
    private struct Trigger {
        let worker: String
        let expression: CronExpression
        var nextDue: Date?

        var key: CronStateStore.Key { CronStateStore.Key(worker: worker, cron: expression.source) }
    }

    /// Missed runs are counted up to this many (beyond it the log says "at least").
    private static let missedCountLimit = 100_000

    private let clock: any FlareClock
    private let logger: Logger
    private let catchUp: Bool
    private let store: CronStateStore
    private var triggers: [Trigger] = []
    private var lastFired: [CronStateStore.Key: Date] = [:]
    private var isRunning = false
    private var hasStopped = false
    private var sleepingUntil: Date?
    private var sleepGeneration = 0
    private var sleepContinuation: CheckedContinuation<Void, Never>?
    private var sleeper: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Creates a scheduler.
    /// - Parameters:
    ///   - persistRoot: the persist root; state goes to `<persistRoot>/v3/cron/state.json`.
    ///   - clock: the clock to read and sleep on (`ManualClock` in tests and `dev --clock manual`).
    ///   - logger: where firings, missed runs and state errors are logged.
    ///   - catchUp: fire each trigger that missed runs while stopped once (default: skip them).
    public init(persistRoot: URL, clock: any FlareClock, logger: Logger, catchUp: Bool = false) {
        self.clock = clock
        self.logger = logger
        self.catchUp = catchUp
        store = CronStateStore(persistRoot: persistRoot)
    }

    /// Registers a worker's `[triggers] crons`. Duplicates of an already registered worker/expression pair
    /// are ignored. May be called while ``run(fire:)`` runs.
    /// - Throws: ``CronError`` (`invalidExpression`) for the first invalid expression; nothing is
    ///   registered then.
    public func register(worker: String, crons: [String]) throws {
        let expressions = try crons.map { try CronExpression($0) }
        for expression in expressions
        where !triggers.contains(where: { $0.worker == worker && $0.expression.source == expression.source }) {
            triggers.append(Trigger(worker: worker, expression: expression, nextDue: nil))
            if isRunning { prepare(triggers.count - 1, now: clock.now()) }
        }
        if isRunning {
            persist()
            endSleep(sleepGeneration)
        }
    }

    /// Removes every trigger of `worker` (a reloaded config registers its new ones). Their fire
    /// history stays persisted, so registering an expression again never fires a minute twice.
    public func unregister(worker: String) {
        triggers.removeAll { $0.worker == worker }
        if isRunning { endSleep(sleepGeneration) }
    }

    /// The next `count` fire times of every trigger after the clock's current time, in registration order.
    public func nextFireTimes(count: Int) -> [CronTriggerSchedule] {
        let now = clock.now()
        return triggers.map {
            CronTriggerSchedule(
                worker: $0.worker, cron: $0.expression.source,
                nextFireTimes: $0.expression.next(after: now, count: count))
        }
    }

    /// Fires due triggers until the calling task is cancelled. `fire` is awaited for each firing in turn.
    public func run(fire: @escaping @Sendable (CronFiring) async -> Void) async {
        guard !isRunning else {
            logger.warning("The cron scheduler is already running")
            return
        }
        isRunning = true
        defer {
            isRunning = false
            hasStopped = true
            sleepingUntil = nil
            resumeIdleWaiters()
        }
        do {
            lastFired = try store.load()
        } catch {
            logger.error("\(error); starting with no cron history")
            lastFired = [:]
        }
        let start = clock.now()
        for index in triggers.indices { prepare(index, now: start) }
        persist()
        while !Task.isCancelled {
            await fireDue(fire)
            if Task.isCancelled { break }
            let target = triggers.compactMap(\.nextDue).min() ?? .distantFuture
            sleepingUntil = target
            if isIdle { resumeIdleWaiters() }
            await sleep(until: target)
            sleepingUntil = nil
        }
    }

    /// Returns once ``run(fire:)`` has fired everything due at the clock's current time and sleeps until a
    /// later minute (or has stopped). Called before `run` starts, it waits for `run` to start and settle.
    /// A test hook: start `run` in a task, await this, advance a `ManualClock`, await this again.
    public func waitUntilIdle() async {
        guard !hasStopped || isRunning, !isIdle else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    // MARK: - Internals

    private var isIdle: Bool {
        guard let sleepingUntil else { return false }
        return clock.now() < sleepingUntil
    }

    /// Sets a trigger's next due minute from its history: skips or catches up missed runs.
    private func prepare(_ index: Int, now: Date) {
        let trigger = triggers[index]
        let key = trigger.key
        guard let last = lastFired[key] else {
            triggers[index].nextDue = trigger.expression.next(after: now)
            lastFired[key] = now
            return
        }
        var missed = 0
        var latestMissed: Date?
        var cursor = last
        while missed < Self.missedCountLimit, let due = trigger.expression.next(after: cursor), due <= now {
            missed += 1
            latestMissed = due
            cursor = due
        }
        let metadata: Logger.Metadata = [
            "cron.worker": "\(trigger.worker)", "cron.expression": "\(trigger.expression.source)",
            "cron.missed": "\(missed)",
        ]
        let count = missed >= Self.missedCountLimit ? "at least \(missed)" : "\(missed)"
        if let latestMissed, catchUp {
            logger.notice("Catching up \(count) missed cron run(s) with one run", metadata: metadata)
            triggers[index].nextDue = latestMissed
        } else {
            if missed > 0 { logger.notice("Skipped \(count) cron run(s) missed while stopped", metadata: metadata) }
            triggers[index].nextDue = trigger.expression.next(after: max(now, last))
            lastFired[key] = max(now, last)
        }
    }

    /// Fires every trigger due at the current time, earliest first.
    private func fireDue(_ fire: @Sendable (CronFiring) async -> Void) async {
        while !Task.isCancelled {
            let now = clock.now()
            var earliest: Int?
            for index in triggers.indices {
                guard let due = triggers[index].nextDue, due <= now else { continue }
                if let best = earliest, let bestDue = triggers[best].nextDue, bestDue <= due { continue }
                earliest = index
            }
            guard let index = earliest, let due = triggers[index].nextDue else { return }
            let trigger = triggers[index]
            triggers[index].nextDue = trigger.expression.next(after: due)
            lastFired[trigger.key] = due
            persist()
            logger.debug(
                "Firing scheduled",
                metadata: [
                    "cron.worker": "\(trigger.worker)", "cron.expression": "\(trigger.expression.source)",
                    "cron.scheduled_time": "\(CronFormatting.iso8601(due))",
                ])
            await fire(CronFiring(worker: trigger.worker, cron: trigger.expression.source, scheduledTime: due))
        }
    }

    private func persist() {
        do {
            try store.save(lastFired)
        } catch {
            logger.error("\(error)")
        }
    }

    /// Sleeps on the clock until `target`, until ``register(worker:crons:)`` wakes the loop, or until the
    /// calling task is cancelled. The clock sleep runs in its own task and reports back with a generation
    /// number, so a wake-up never depends on how quickly the clock notices a cancellation.
    private func sleep(until target: Date) async {
        sleepGeneration += 1
        let generation = sleepGeneration
        let clock = self.clock
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                sleepContinuation = continuation
                sleeper = Task { [weak self] in
                    try? await clock.sleep(until: target)
                    await self?.endSleep(generation)
                }
            }
        } onCancel: {
            Task { await self.endSleep(generation) }
        }
    }

    /// Ends the sleep numbered `generation` (a stale number does nothing).
    private func endSleep(_ generation: Int) {
        guard generation == sleepGeneration, let continuation = sleepContinuation else { return }
        sleepContinuation = nil
        sleeper?.cancel()
        sleeper = nil
        continuation.resume()
    }

    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }
}
