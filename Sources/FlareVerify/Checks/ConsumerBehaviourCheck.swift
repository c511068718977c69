/// Test 7 (7a, 7b): by behaviour, not by grepping the source. A probe point sent through the
/// consumer in a scratch copy of the state must land in `price_data`, and a conflicting duplicate
/// must be acked and leave the row as it was (`INSERT OR IGNORE`).
public struct ConsumerBehaviourCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// 7a PASS/FAIL/WARN as the script's three branches; 7b PASS or FAIL.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let title = "Test 7: Verifying consumer configuration..."
        guard let probe = facts.probe else {
            return ReportSection(title: title, lines: [.info("Behavioural probes were not run: 7a and 7b skipped")])
        }
        var lines: [ReportLine] = [
            .info("Probe: a price point through \(CoinswarmDeployment.consumer) in a scratch copy of the state")
        ]
        if let error = probe.setupError { lines.append(.info("The probe could not run: \(error)")) }
        switch probe.probeTable {
        case CoinswarmDeployment.table:
            lines.append(.pass("7a", "Consumer writes to price_data table (correct!)"))
        case CoinswarmDeployment.legacyTable:
            lines.append(.fail("7a", "Consumer writes to historical_prices table (wrong!)"))
        default:
            lines.append(.warn("7a", "Could not verify consumer table target"))
            if let note = probe.consumerNote { lines.append(.info(note)) }
        }
        if probe.duplicate == .ignored {
            lines.append(.pass("7b", "Consumer uses INSERT OR IGNORE (protects existing data)"))
        } else {
            lines.append(.fail("7b", "Consumer missing INSERT OR IGNORE"))
            lines.append(.info(Self.describe(probe.duplicate)))
        }
        return ReportSection(title: title, lines: lines)
    }

    static func describe(_ duplicate: ProbeResult.Duplicate) -> String {
        switch duplicate {
        case .ignored: "The duplicate was ignored"
        case .replaced: "A conflicting duplicate overwrote the stored row"
        case .duplicated: "A duplicate was stored as a second row"
        case .rejected: "A duplicate failed to insert (retried or dead-lettered) instead of being ignored"
        case .notRun: "No duplicate could be tried: the probe point was not stored"
        }
    }
}
