import FlareCron
import Foundation
import Testing

/// Checks the field-wise search against a minute-by-minute scan, and that it is fast.
struct CronSearchTests {
    private static let expressions = [
        "*/30 * * * *", "0 17 * * sun", "10 7 * * mon-fri", "0 18 * * 6L", "59 23 LW * *", "*/3 * * * *",
        "0 15 1 * *", "5-50/5 9-17 * * *", "0 0 13 * fri", "0 9 * * 2#1", "0 0 15W * *", "0 0 L * *",
        "0 22-2 * * sat-mon", "7 */5 1,15 * *",
    ]

    /// The first matching minute after `date`, by scanning (at most `limit` minutes).
    private func scan(_ cron: CronExpression, after date: Date, forward: Bool, limit: Int = 70 * 1440) -> Date? {
        var minute = (date.timeIntervalSince1970 / 60).rounded(forward ? .down : .up) + (forward ? 1 : -1)
        for _ in 0..<limit {
            let candidate = Date(timeIntervalSince1970: minute * 60)
            if cron.matches(candidate) { return candidate }
            minute += forward ? 1 : -1
        }
        return nil
    }

    @Test func agreesWithAMinuteByMinuteScan() throws {
        // Deterministic pseudo-random start times across 2024-2026.
        var seed: UInt64 = 42
        for source in Self.expressions {
            let cron = try CronExpression(source)
            for _ in 0..<3 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let start = utc("2024-01-01T00:00").addingTimeInterval(Double((seed >> 20) % 94_608_000) + 0.5)
                #expect(cron.next(after: start) == scan(cron, after: start, forward: true), "\(source) after \(start)")
                #expect(
                    cron.previous(before: start) == scan(cron, after: start, forward: false),
                    "\(source) before \(start)")
            }
        }
    }

    @Test func aYearOfCallsIsFast() throws {
        for source in Self.expressions + ["0 0 29 2 *"] {
            let cron = try CronExpression(source)
            var cursor = utc("2025-01-01T00:00")
            var calls = 0
            let end = utc("2026-01-01T00:00")
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                while calls < 2000, let next = cron.next(after: cursor), next < end {
                    cursor = next
                    calls += 1
                }
            }
            let perCall =
                (Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
                / Double(max(calls, 1))
            #expect(perCall < 0.001, "\(source): \(perCall * 1e6) µs per call")
        }
    }
}
