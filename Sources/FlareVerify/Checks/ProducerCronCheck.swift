import FlareCron
import Foundation

/// Test 6: the producer fires every 30 minutes. Its triggers are parsed with the cron parser and
/// their fire times over a day compared, instead of a regex over the file (which a commented-out
/// line satisfied and `0,30 * * * *` did not).
public struct ProducerCronCheck: DeploymentCheck {
    /// The day the fire times are computed over (a fixed Monday, so the result never depends on
    /// when the check runs).
    static let reference = Date(timeIntervalSince1970: 1_736_121_600)

    /// Creates the check.
    public init() {}

    /// PASS for a 30-minute interval, WARN for another schedule, FAIL without a trigger.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let title = "Test 6: Verifying cron trigger..."
        let producer = CoinswarmDeployment.producer
        let crons = facts.crons[producer] ?? []
        guard !crons.isEmpty else {
            let why =
                facts.config(producer) == nil
                ? "No config named \(producer) was loaded" : "\(producer) has no [triggers] crons"
            return ReportSection(title: title, lines: [.fail("6", "Producer missing cron trigger"), .info(why)])
        }
        var lines: [ReportLine] = [.info("Triggers of \(producer): \(crons.joined(separator: ", "))")]
        let end = Self.reference.addingTimeInterval(86_400)
        var fireTimes: Set<Date> = []
        for cron in crons {
            do {
                let expression = try CronExpression(cron)
                var next = expression.next(after: Self.reference.addingTimeInterval(-1))
                while let time = next, time < end {
                    fireTimes.insert(time)
                    next = expression.next(after: time)
                }
            } catch {
                lines.append(.info("\(cron) does not parse: \(error)"))
            }
        }
        let day = fireTimes.sorted()
        let gaps = Set(zip(day, day.dropFirst()).map { Int($1.timeIntervalSince($0)) })
        if gaps == [CoinswarmDeployment.cronInterval] {
            lines.append(.pass("6", "Producer has 30-minute cron trigger"))
        } else {
            lines.append(.warn("6", "Producer has cron trigger but may not be 30-minute interval"))
            lines.append(.info(Self.describe(fireCount: day.count, gaps: gaps)))
        }
        return ReportSection(title: title, lines: lines)
    }

    static func describe(fireCount: Int, gaps: Set<Int>) -> String {
        if gaps.count == 1, let gap = gaps.first {
            return "It fires every \(gap / 60) minutes (\(fireCount) times a day)"
        }
        return "It fires \(fireCount) times a day at irregular intervals"
    }
}
