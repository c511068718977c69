/// Test 8 (8a–8c): the import worker (the original Python worker) queues what it imports. `POST
/// /trigger` runs in the scratch copy against a canned upstream answer; its messages are counted
/// on the queue. 8c is now meaningful: several candles per message means batched sending.
public struct ImportWorkerCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// 8a and 8b PASS or FAIL; 8c PASS or WARN.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let title = "Test 8: Verifying Python worker configuration..."
        let queue = CoinswarmDeployment.queue
        var lines: [ReportLine] = []
        let probe = facts.probe
        if let probe, probe.triggerStatus == 200, probe.messagesQueued > 0 {
            lines.append(.pass("8a", "Python worker uses queue"))
        } else {
            lines.append(.fail("8a", "Python worker missing queue usage"))
            lines.append(.info(Self.triggerNote(probe)))
        }
        let bound = facts.config(CoinswarmDeployment.importWorker)?.queueProducers.contains {
            $0.binding == CoinswarmDeployment.importQueueBinding && $0.queue == queue
        }
        if bound == true {
            lines.append(.pass("8b", "Python worker has queue binding"))
        } else {
            lines.append(.fail("8b", "Python worker missing queue binding"))
            lines.append(.info("No [[queues.producers]] \(CoinswarmDeployment.importQueueBinding) → \(queue)"))
        }
        if let probe, probe.messagesQueued > 0, probe.pointsQueued > probe.messagesQueued {
            lines.append(.pass("8c", "Python worker uses batch sending"))
            lines.append(
                .info("\(probe.pointsQueued) candles went out in \(probe.messagesQueued) messages"))
        } else {
            lines.append(.warn("8c", "Python worker may not use batch sending"))
            if let probe, probe.messagesQueued > 0 {
                lines.append(.info("\(probe.pointsQueued) candles went out in \(probe.messagesQueued) messages"))
            }
        }
        return ReportSection(title: title, lines: lines)
    }

    static func triggerNote(_ probe: ProbeResult?) -> String {
        guard let probe else { return "Behavioural probes were not run" }
        if let error = probe.setupError { return "The probe could not run: \(error)" }
        guard let status = probe.triggerStatus else { return "POST /trigger was not run" }
        if status != 200 { return "POST /trigger returned HTTP \(status): \(probe.triggerError ?? "")" }
        return "POST /trigger queued nothing on \(CoinswarmDeployment.queue)"
    }
}
