/// Test 1 (1a, 1b): the queue and its dead-letter queue exist in the broker's state.
public struct QueuesExistCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// 1a FAILs without the queue; 1b only WARNs without the DLQ, as in the script.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let queue = CoinswarmDeployment.queue
        let dlq = CoinswarmDeployment.deadLetterQueue
        var lines: [ReportLine] = [.info("Reading: \(facts.queueSource)")]
        if !facts.queueStateFound {
            lines.append(.info("No queue state found: run `swiftflare dev` with this persist root first"))
        }
        let names = facts.queues.map(\.name)
        lines.append(.text("Queue list result: \(names.isEmpty ? "(no queues)" : names.joined(separator: ", "))"))
        lines.append(facts.queue(queue) != nil ? .pass("1a", "\(queue) exists") : .fail("1a", "\(queue) not found"))
        if facts.queue(dlq) != nil {
            lines.append(.pass("1b", "\(dlq) (dead letter queue) exists"))
            if let settings = facts.queue(queue)?.consumer, settings.deadLetterQueue != dlq {
                lines.append(.info("\(queue)'s consumer does not name \(dlq) as its dead_letter_queue"))
            }
        } else {
            lines.append(.warn("1b", "\(dlq) not found (non-critical)"))
        }
        return ReportSection(title: "Test 1: Verifying queues exist...", lines: lines)
    }
}
