import Foundation
import Synchronization
import Testing

@testable import FlareWorkerAPI

struct ManualClockTests {
    @Test func sleepersWakeInDeadlineOrderAtTheirDeadline() async throws {
        let start = Date(timeIntervalSince1970: 1_000)
        let clock = ManualClock(now: start)
        let woken = WokenLog()
        let late = Task {
            try await clock.sleep(until: start.addingTimeInterval(20))
            woken.append("late", at: clock.now())
        }
        let early = Task {
            try await clock.sleep(until: start.addingTimeInterval(10))
            woken.append("early", at: clock.now())
        }
        while clock.sleeperCount < 2 { await Task.yield() }
        await clock.advance(by: 30)
        try await late.value
        try await early.value
        #expect(woken.entries.map(\.0) == ["early", "late"])
        #expect(woken.entries.map(\.1) == [start.addingTimeInterval(10), start.addingTimeInterval(20)])
        #expect(clock.now() == start.addingTimeInterval(30))
    }

    @Test func pastDeadlineReturnsAtOnce() async throws {
        let clock = ManualClock()
        try await clock.sleep(until: clock.now().addingTimeInterval(-1))
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellationWakesWithError() async throws {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(seconds: 60) }
        while clock.sleeperCount < 1 { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }
}

private final class WokenLog: Sendable {
    private let storage = Mutex<[(String, Date)]>([])
    func append(_ name: String, at date: Date) { storage.withLock { $0.append((name, date)) } }
    var entries: [(String, Date)] { storage.withLock { $0 } }
}

struct ManualClockCancellationTests {
    @Test func sleepingInAnAlreadyCancelledTaskThrowsAtOnce() async throws {
        let clock = ManualClock()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(seconds: 3600)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }
}
