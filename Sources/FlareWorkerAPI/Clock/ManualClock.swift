import Foundation
import Synchronization

/// A clock that moves only when told to, for deterministic tests and `swiftflare dev --clock manual`.
///
/// ```swift
/// let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
/// async let woke: Void = clock.sleep(until: clock.now().addingTimeInterval(30))
/// await clock.advance(by: 30)   // resumes the sleeper
/// ```
public final class ManualClock: FlareClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
    }

    private let state: Mutex<State>

    /// Creates a manual clock reading `now` (default: 2025-01-01T00:00:00Z).
    public init(now: Date = Date(timeIntervalSince1970: 1_735_689_600)) {
        state = Mutex(State(now: now))
    }

    /// The current (manual) time.
    public func now() -> Date {
        state.withLock { $0.now }
    }

    /// The number of tasks currently sleeping on this clock.
    public var sleeperCount: Int {
        state.withLock { $0.sleepers.count }
    }

    /// The earliest deadline anyone sleeps until, if any.
    public var nextDeadline: Date? {
        state.withLock { $0.sleepers.map(\.deadline).min() }
    }

    /// Suspends until the clock has been advanced to `deadline`.
    public func sleep(until deadline: Date) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Cancellation may have run before the sleeper is registered: check under the lock.
                let outcome = state.withLock { state -> Bool? in
                    if Task.isCancelled { return nil }
                    if deadline <= state.now { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                switch outcome {
                case nil: continuation.resume(throwing: CancellationError())
                case true?: continuation.resume()
                case false?: break
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `seconds`, waking sleepers in deadline order, and yields so that the
    /// woken tasks get to run before this returns.
    public func advance(by seconds: Double) async {
        await advance(to: now().addingTimeInterval(seconds))
    }

    /// Moves time forward to `date` (never backwards), waking sleepers in deadline order: each step
    /// sets the time to the next deadline first, so woken tasks see the time they slept until.
    public func advance(to date: Date) async {
        while true {
            let woken = state.withLock { state -> [Sleeper] in
                guard let next = state.sleepers.map(\.deadline).min(), next <= date else {
                    if date > state.now { state.now = date }
                    return []
                }
                if next > state.now { state.now = next }
                let due = state.sleepers.filter { $0.deadline <= next }
                state.sleepers.removeAll { $0.deadline <= next }
                return due
            }
            if woken.isEmpty { break }
            for sleeper in woken { sleeper.continuation.resume() }
            await Self.yieldALittle()
        }
        await Self.yieldALittle()
    }

    /// Gives woken tasks a chance to run on the cooperative pool.
    private static func yieldALittle() async {
        for _ in 0..<8 { await Task.yield() }
    }
}
