/// Test 8 (8a–8c): the import worker (the original Python worker) queues what it imports. `POST
/// /trigger` runs in the scratch copy against a canned upstream answer; its messages are counted
/// on the queue. 8c is now meaningful: several candles per message means batched sending.
public struct ImportWorkerCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// 8a and 8b PASS or FAIL; 8c PASS or WARN. Without probes, 8a and 8c are INFO only.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let title = "Test 8: Verifying Python worker configuration..."
        let binding = bindingLines(facts)
        guard let probe = facts.probe else {
            return ReportSection(
                title: title, lines: binding + [.info("Behavioural probes were not run: 8a and 8c skipped")])
        }
        return ReportSection(title: title, lines: queueUsageLines(probe) + binding + batchingLines(probe))
    }

    func queueUsageLines(_ probe: ProbeResult) -> [ReportLine] {
        if probe.triggerStatus == 200, probe.messagesQueued > 0 {
            return [.pass("8a", "Python worker uses queue")]
        }
        return [.fail("8a", "Python worker missing queue usage"), .info(Self.triggerNote(probe))]
    }

    func bindingLines(_ facts: DeploymentFacts) -> [ReportLine] {
        let queue = CoinswarmDeployment.queue
        let bound = facts.config(CoinswarmDeployment.importWorker)?.queueProducers.contains {
            $0.binding == CoinswarmDeployment.importQueueBinding && $0.queue == queue
        }
        if bound == true { return [.pass("8b", "Python worker has queue binding")] }
        return [
            .fail("8b", "Python worker missing queue binding"),
            .info("No [[queues.producers]] \(CoinswarmDeployment.importQueueBinding) → \(queue)"),
        ]
    }

    func batchingLines(_ probe: ProbeResult) -> [ReportLine] {
        let counts = ReportLine.info("\(probe.pointsQueued) candles went out in \(probe.messagesQueued) messages")
        if probe.messagesQueued > 0, probe.pointsQueued > probe.messagesQueued {
            return [.pass("8c", "Python worker uses batch sending"), counts]
        }
        return [.warn("8c", "Python worker may not use batch sending")] + (probe.messagesQueued > 0 ? [counts] : [])
    }

    static func triggerNote(_ probe: ProbeResult) -> String {
        if let error = probe.setupError { return "The probe could not run: \(error)" }
        guard let status = probe.triggerStatus else { return "POST /trigger was not run" }
        if status != 200 { return "POST /trigger returned HTTP \(status): \(probe.triggerError ?? "")" }
        return "POST /trigger queued nothing on \(CoinswarmDeployment.queue)"
    }
}
