import FlareCron
import Foundation

/// `cron`: `CronExpression.next(after:)` and `previous(before:)` calls per second over a set of
/// expressions (the documentation's examples and a few more), beside a naive scheduler that scans minute by
/// minute with `matches(_:)`. The ratio is the speed-up (higher is better).
public struct CronSuite: BenchSuite {
    /// The expressions measured, each walked forward (or backward) from 2025-01-01.
    public static let expressions = [
        "*/30 * * * *", "0 17 * * sun", "10 7 * * mon-fri", "0 18 * * 6L", "59 23 LW * *", "*/3 * * * *",
        "0 15 1 * *", "5-50/5 9-17 * * *",
    ]

    /// `cron`.
    public let name = "cron"

    /// Creates the suite.
    public init() {}

    /// Measures `next(after:)` and `previous(before:)` against the minute-by-minute scan.
    /// - Throws: ``CronError`` if an expression does not parse (it would be a bug).
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let expressions = try Self.expressions.map { try CronExpression($0) }
        let budget = options.quick ? 0.1 : 0.5
        let note = "\(expressions.count) expressions, \(budget) s per repetition; ratio = speed-up over the scan"
        let next = await BenchTiming.compareRates(
            suite: name, metric: "next_after", unit: "calls/s", reps: options.reps,
            baselineName: "minute-by-minute scan", target: ">= 1,000 calls/s", note: note,
            subject: { Self.rate(expressions, budget: budget, batch: 64) { $0.next(after: $1) } },
            baseline: { Self.rate(expressions, budget: budget, batch: 1) { Self.scan($0, from: $1, step: 60) } })
        let previous = await BenchTiming.compareRates(
            suite: name, metric: "previous_before", unit: "calls/s", reps: options.reps,
            baselineName: "minute-by-minute scan", target: ">= 1,000 calls/s", note: note,
            subject: { Self.rate(expressions, budget: budget, batch: 64) { $0.previous(before: $1) } },
            baseline: { Self.rate(expressions, budget: budget, batch: 1) { Self.scan($0, from: $1, step: -60) } })
        return [next, previous]
    }

    /// Calls per second of `call`, walking each expression from its last result, round-robin, for `budget`
    /// seconds (the clock is read every `batch` calls).
    private static func rate(
        _ expressions: [CronExpression], budget: Double, batch: Int, _ call: (CronExpression, Date) -> Date?
    ) -> Double {
        let start = Date(timeIntervalSince1970: 1_735_689_600)
        var cursors = Array(repeating: start, count: expressions.count)
        var calls = 0
        let clock = ContinuousClock()
        let began = clock.now
        var elapsed = 0.0
        while elapsed < budget {
            for _ in 0..<batch {
                let index = calls % expressions.count
                cursors[index] = call(expressions[index], cursors[index]) ?? start
                calls += 1
            }
            let duration = clock.now - began
            elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        return Double(calls) / elapsed
    }

    /// The naive scheduler: the first minute strictly after (or before, `step` < 0) `date` that matches.
    private static func scan(_ expression: CronExpression, from date: Date, step: Double) -> Date? {
        var candidate = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + step)
        if step < 0 && date.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) != 0 {
            candidate = candidate.addingTimeInterval(-step)
        }
        for _ in 0..<(5 * 366 * 1440) {
            if expression.matches(candidate) { return candidate }
            candidate = candidate.addingTimeInterval(step)
        }
        return nil
    }
}
