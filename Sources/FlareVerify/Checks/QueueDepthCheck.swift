/// Test 5: the queue's depth, a real number from the broker (backlog, in flight and delayed), so
/// the script's empty-depth WARN (`Queue has  messages`) cannot happen.
public struct QueueDepthCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// PASS when empty or under 1,000 messages, WARN from 1,000.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let title = "Test 5: Checking initial queue depth..."
        guard let info = facts.queue(CoinswarmDeployment.queue) else {
            return ReportSection(
                title: title, lines: [.info("No depth to read: \(CoinswarmDeployment.queue) is not in the broker")])
        }
        let depth = info.total
        var lines: [ReportLine] = []
        if depth == 0 {
            lines.append(.pass("5", "Queue is empty (consumer is keeping up)"))
        } else if depth < CoinswarmDeployment.backlogThreshold {
            lines.append(.pass("5", "Queue depth is low (\(depth) messages)"))
        } else {
            lines.append(.warn("5", "Queue has \(depth) messages (may be backlog)"))
        }
        if depth > 0 {
            lines.append(.info("backlog \(info.backlog), in flight \(info.inFlight), delayed \(info.delayed)"))
        }
        if let dead = info.deadLetterDepth, dead > 0 {
            lines.append(.info("\(CoinswarmDeployment.deadLetterQueue) holds \(dead) messages"))
        }
        return ReportSection(title: title, lines: lines)
    }
}
