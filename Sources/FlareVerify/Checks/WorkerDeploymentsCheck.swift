/// Test 4 (4a–4c): each of the three workers is "deployed": its config is loaded and a Swift
/// worker is registered for it (offline), or it runs on the dev server (`--url`).
public struct WorkerDeploymentsCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// 4a and 4b FAIL when missing; 4c only WARNs, as in the script.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let workers: [(id: String, name: String, pass: String, missing: ReportLine)] = [
            (
                "4a", CoinswarmDeployment.consumer, "Queue consumer deployed",
                .fail("4a", "Queue consumer deployment not found")
            ),
            (
                "4b", CoinswarmDeployment.producer, "Queue producer deployed",
                .fail("4b", "Queue producer deployment not found")
            ),
            (
                "4c", CoinswarmDeployment.importWorker, "Python historical worker deployed",
                .warn("4c", "Python historical worker deployment not found (may need manual deployment)")
            ),
        ]
        var lines: [ReportLine] = []
        for worker in workers {
            if facts.config(worker.name) == nil {
                lines.append(worker.missing)
                lines.append(.info("No config named \(worker.name) was loaded"))
            } else if !facts.runnableWorkers.contains(worker.name) {
                lines.append(worker.missing)
                lines.append(
                    .info(
                        facts.live
                            ? "\(worker.name) does not run on the dev server"
                            : "No Swift worker is registered for \(worker.name)"))
            } else {
                lines.append(.pass(worker.id, worker.pass))
            }
        }
        return ReportSection(title: "Test 4: Verifying worker deployments...", lines: lines)
    }
}
