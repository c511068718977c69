import Foundation

/// Wall-clock time and sleeping, injected everywhere time matters (queue delays, batch timeouts,
/// cron schedules, `Date.now()` in workers), so tests drive time with a ``ManualClock``.
///
/// Library code never reads the wall clock directly: it asks the clock it was given.
public protocol FlareClock: Sendable {
    /// The current time.
    func now() -> Date

    /// Suspends until `deadline` (returns at once when it has passed).
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

extension FlareClock {
    /// Suspends for `seconds`.
    /// - Throws: `CancellationError` when the task is cancelled.
    public func sleep(seconds: Double) async throws {
        try await sleep(until: now().addingTimeInterval(seconds))
    }

    /// Milliseconds since the Unix epoch, as JavaScript's `Date.now()`.
    public func nowMilliseconds() -> Int64 {
        Int64((now().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// The real clock.
public struct SystemClock: FlareClock {
    /// Creates the system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }

    /// Sleeps on the continuous clock until `deadline`.
    public func sleep(until deadline: Date) async throws {
        let interval = deadline.timeIntervalSinceNow
        if interval > 0 {
            try await Task.sleep(for: .milliseconds(Int64((interval * 1000).rounded(.up))))
        } else {
            try Task.checkCancellation()
        }
    }
}
