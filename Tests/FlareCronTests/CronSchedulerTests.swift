import FlareCron
import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Testing

struct CronSchedulerTests {
    /// Starts `scheduler.run` collecting into `log`, and waits until it sleeps.
    private func start(_ scheduler: CronScheduler, into log: FiringLog) async -> Task<Void, Never> {
        let task = Task { await scheduler.run { log.append($0) } }
        await scheduler.waitUntilIdle()
        return task
    }

    private func stop(_ task: Task<Void, Never>) async {
        task.cancel()
        await task.value
    }

    @Test func firesEveryThirtyMinutesTwiceAnHourAndNotAgainAfterARestart() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clock = ManualClock(now: utc("2025-01-01T00:00"))
        let (logger, _) = capturingLogger()
        let log = FiringLog()

        let first = CronScheduler(persistRoot: root.url, clock: clock, logger: logger)
        try await first.register(worker: "historical-data-queue-producer", crons: ["*/30 * * * *"])
        let task = await start(first, into: log)
        await clock.advance(by: 3600)
        await first.waitUntilIdle()
        await stop(task)
        #expect(log.times == ["2025-01-01T00:30", "2025-01-01T01:00"])
        #expect(log.all.allSatisfy { $0.cron == "*/30 * * * *" && $0.worker == "historical-data-queue-producer" })
        #expect(FileManager.default.fileExists(atPath: root.url.appendingPathComponent("v3/cron/state.json").path))

        // A new scheduler on the same persist root, same minute: 01:00 is not fired again.
        let second = CronScheduler(persistRoot: root.url, clock: clock, logger: logger)
        try await second.register(worker: "historical-data-queue-producer", crons: ["*/30 * * * *"])
        let again = await start(second, into: log)
        await clock.advance(by: 1799)
        await second.waitUntilIdle()
        #expect(log.all.count == 2)
        await clock.advance(by: 1)
        await second.waitUntilIdle()
        await stop(again)
        #expect(log.times == ["2025-01-01T00:30", "2025-01-01T01:00", "2025-01-01T01:30"])
    }

    @Test func missedRunsAreSkippedAndCounted() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clock = ManualClock(now: utc("2025-01-01T00:00"))
        let (logger, messages) = capturingLogger()
        let log = FiringLog()
        let first = CronScheduler(persistRoot: root.url, clock: clock, logger: logger)
        try await first.register(worker: "w", crons: ["*/30 * * * *"])
        let task = await start(first, into: log)
        await clock.advance(by: 1800)
        await first.waitUntilIdle()
        await stop(task)

        // Stopped from 00:30 to 03:00: 01:00, 01:30, 02:00, 02:30 and 03:00 are missed.
        await clock.advance(to: utc("2025-01-01T03:00"))
        let second = CronScheduler(persistRoot: root.url, clock: clock, logger: logger)
        try await second.register(worker: "w", crons: ["*/30 * * * *"])
        let again = await start(second, into: log)
        #expect(log.times == ["2025-01-01T00:30"])
        #expect(messages.all.contains("Skipped 5 cron run(s) missed while stopped"))
        await clock.advance(by: 1800)
        await second.waitUntilIdle()
        await stop(again)
        #expect(log.times == ["2025-01-01T00:30", "2025-01-01T03:30"])
    }

    @Test func catchUpFiresEachMissedTriggerOnce() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clock = ManualClock(now: utc("2025-01-01T00:00"))
        let (logger, messages) = capturingLogger()
        let log = FiringLog()
        let first = CronScheduler(persistRoot: root.url, clock: clock, logger: logger)
        try await first.register(worker: "w", crons: ["*/30 * * * *", "0 * * * *"])
        let task = await start(first, into: log)
        await clock.advance(by: 1800)
        await first.waitUntilIdle()
        await stop(task)

        await clock.advance(to: utc("2025-01-01T03:10"))
        let second = CronScheduler(persistRoot: root.url, clock: clock, logger: logger, catchUp: true)
        try await second.register(worker: "w", crons: ["*/30 * * * *", "0 * * * *"])
        let again = await start(second, into: log)
        await stop(again)
        #expect(log.all.map(\.cron) == ["*/30 * * * *", "*/30 * * * *", "0 * * * *"])
        #expect(log.times == ["2025-01-01T00:30", "2025-01-01T03:00", "2025-01-01T03:00"])
        #expect(messages.all.contains("Catching up 5 missed cron run(s) with one run"))
        #expect(messages.all.contains("Catching up 3 missed cron run(s) with one run"))
    }

    @Test func firesAllTriggersInTimeOrder() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clock = ManualClock(now: utc("2025-01-01T00:00"))
        let log = FiringLog()
        let scheduler = CronScheduler(persistRoot: root.url, clock: clock, logger: capturingLogger().0)
        try await scheduler.register(worker: "hourly", crons: ["0 * * * *"])
        try await scheduler.register(worker: "often", crons: ["*/20 * * * *"])
        let task = await start(scheduler, into: log)
        await clock.advance(by: 3600)
        await scheduler.waitUntilIdle()
        await stop(task)
        #expect(log.times == ["2025-01-01T00:20", "2025-01-01T00:40", "2025-01-01T01:00", "2025-01-01T01:00"])
        #expect(log.all.map(\.worker) == ["often", "often", "hourly", "often"])
    }

    @Test func registeringWhileRunningWakesTheLoop() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clock = ManualClock(now: utc("2025-01-01T00:00"))
        let log = FiringLog()
        let scheduler = CronScheduler(persistRoot: root.url, clock: clock, logger: capturingLogger().0)
        let task = await start(scheduler, into: log)
        try await scheduler.register(worker: "late", crons: ["*/5 * * * *"])
        await scheduler.waitUntilIdle()
        await clock.advance(by: 600)
        await scheduler.waitUntilIdle()
        await stop(task)
        #expect(log.times == ["2025-01-01T00:05", "2025-01-01T00:10"])
    }

    @Test func listsNextFireTimesAndRejectsInvalidExpressions() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clock = ManualClock(now: utc("2025-01-01T00:00"))
        let scheduler = CronScheduler(persistRoot: root.url, clock: clock, logger: capturingLogger().0)
        try await scheduler.register(worker: "w", crons: ["0 15 1 * *"])
        await #expect(throws: CronError.self) {
            try await scheduler.register(worker: "bad", crons: ["*/15 * * * *", "0 0 * * 0"])
        }
        let schedules = await scheduler.nextFireTimes(count: 2)
        #expect(schedules.map(\.worker) == ["w"])
        #expect(minutes(schedules[0].nextFireTimes) == ["2025-01-01T15:00", "2025-02-01T15:00"])
    }

    @Test func persistsLastFiredTimesAndSurvivesACorruptStateFile() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let clock = ManualClock(now: utc("2025-01-01T00:00"))
        let (logger, messages) = capturingLogger()
        let log = FiringLog()
        let stateFile = root.url.appendingPathComponent("v3/cron/state.json")
        try FileManager.default.createDirectory(
            at: stateFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not json".utf8).write(to: stateFile)

        let scheduler = CronScheduler(persistRoot: root.url, clock: clock, logger: logger)
        try await scheduler.register(worker: "w", crons: ["*/30 * * * *"])
        let task = await start(scheduler, into: log)
        await clock.advance(by: 1800)
        await scheduler.waitUntilIdle()
        await stop(task)
        #expect(log.times == ["2025-01-01T00:30"])
        #expect(messages.all.contains { $0.hasPrefix("Cannot read cron state") })
        let state = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: stateFile)) as? [String: Any])
        let triggers = try #require(state["triggers"] as? [[String: Any]])
        #expect(triggers.count == 1)
        #expect(triggers.first?["cron"] as? String == "*/30 * * * *")
        #expect(triggers.first?["last_fired_ms"] as? Int == 1_735_691_400_000)
    }
}
