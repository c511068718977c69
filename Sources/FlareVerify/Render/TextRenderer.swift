/// Renders a report as the original script prints it: the same header, line prefixes, summary,
/// verdict lines and next steps, with colours only when asked for (the CLI asks on a TTY).
public struct TextRenderer: Sendable {
    let palette: Palette

    /// Creates a renderer; `colors` adds the scripts' ANSI colours.
    public init(colors: Bool) {
        palette = Palette(enabled: colors)
    }

    /// The whole output, ending with a newline.
    public func render(_ report: VerificationReport) -> String {
        var out: [String] = []
        switch report.suite {
        case .deployment:
            out += ["🔍 Post-Deployment Verification", String(repeating: "=", count: 40)]
            out += ["Working directory: \(report.workingDirectory)", "Date: \(report.date)", ""]
        case .queueSystem:
            out += ["🧪 Testing Queue-Based Historical Data System", String(repeating: "=", count: 46)]
        }
        for section in report.sections {
            out += Array(repeating: "", count: section.blankLinesBefore)
            out.append(section.title)
            out += section.lines.map { line(for: $0, suite: report.suite) }
        }
        out.append("")
        switch report.suite {
        case .deployment: out += deploymentSummary(report)
        case .queueSystem: out += queueSystemSummary(report)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One line with its helper's prefix: `✅ PASS: m` in `deployment`, `✅ m` in `queue-system`.
    func line(for line: ReportLine, suite: VerificationSuite) -> String {
        let p = palette
        let labelled = suite == .deployment
        switch line.status {
        case .pass: return "\(p.green)✅ \(labelled ? "PASS" : "")\(p.reset)\(labelled ? ": " : "")\(line.message)"
        case .fail: return "\(p.red)❌ \(labelled ? "FAIL" : "")\(p.reset)\(labelled ? ": " : "")\(line.message)"
        case .warn: return "\(p.yellow)⚠️  \(labelled ? "WARN" : "")\(p.reset)\(labelled ? ": " : "")\(line.message)"
        case .info: return "\(p.blue)ℹ️  \(labelled ? "INFO" : "")\(p.reset)\(labelled ? ": " : "")\(line.message)"
        case .text: return line.message
        }
    }

    private func deploymentSummary(_ report: VerificationReport) -> [String] {
        let p = palette
        let rule = String(repeating: "=", count: 40)
        var out = [rule, "📊 Verification Summary", rule, ""]
        out.append("\(p.green)✅ Passed:\(p.reset) \(report.passed)")
        out.append("\(p.yellow)⚠️  Warnings:\(p.reset) \(report.warnings)")
        out.append("\(p.red)❌ Failed:\(p.reset) \(report.failed)")
        out.append("")
        switch report.verdict {
        case .failed:
            out.append("\(p.red)❌ DEPLOYMENT VERIFICATION FAILED\(p.reset)")
            out.append("   Please review failures above and redeploy if necessary.")
        case .verifiedWithWarnings:
            out.append("\(p.yellow)⚠️  DEPLOYMENT VERIFIED WITH WARNINGS\(p.reset)")
            out.append("   System is functional but some issues were detected.")
        case .verified:
            out.append("\(p.green)✅ DEPLOYMENT VERIFIED SUCCESSFULLY!\(p.reset)")
            out.append("   All checks passed. System is ready for use.")
            out.append("")
            out.append("🎯 Next steps:")
            out.append("   1. Monitor queue: swiftflare queues info \(CoinswarmDeployment.queue)")
            out.append("   2. Watch consumer logs: swiftflare tail")
            out.append("   3. Trigger Python worker: curl -X POST http://localhost:8787/trigger")
        }
        return out
    }

    private func queueSystemSummary(_ report: VerificationReport) -> [String] {
        let rule = String(repeating: "=", count: 46)
        var out = [rule, "📊 Test Summary", rule, ""]
        out += report.summaryLines.map { line(for: $0, suite: .queueSystem) }
        out += [
            "", "🎯 Next Steps:", "1. swiftflare tail", "2. swiftflare queues info \(CoinswarmDeployment.queue)",
            "3. curl -X POST http://localhost:8787/trigger",
            "4. swiftflare d1 execute \(CoinswarmDeployment.databaseID) --command \"SELECT COUNT(*) as total, source FROM price_data GROUP BY source\"",
            "5. swiftflare verify", "",
        ]
        out.append(
            report.failed == 0
                ? "\(palette.green)✅ System is ready!\(palette.reset)"
                : "\(palette.red)❌ System is not ready: see the failures above\(palette.reset)")
        return out
    }
}
