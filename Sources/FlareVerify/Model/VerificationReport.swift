/// The result of one verification run: what was checked, every line, the counts and the verdict.
/// Renderers turn it into the scripts' text or into JSON.
public struct VerificationReport: Sendable, Codable, Equatable {
    /// Which script's checks.
    public var suite: VerificationSuite
    /// What was verified: the persist root and configs, or the dev server's URL.
    public var target: String
    /// The working directory, as the header prints it.
    public var workingDirectory: String
    /// When the run happened (from the injected clock), as `date` prints it.
    public var date: String
    /// The numbered tests, in order.
    public var sections: [ReportSection]
    /// `queue-system` only: the lines of its summary block.
    public var summaryLines: [ReportLine]

    /// Creates a report.
    public init(
        suite: VerificationSuite, target: String, workingDirectory: String, date: String,
        sections: [ReportSection], summaryLines: [ReportLine] = []
    ) {
        self.suite = suite
        self.target = target
        self.workingDirectory = workingDirectory
        self.date = date
        self.sections = sections
        self.summaryLines = summaryLines
    }

    /// Every line of every section.
    public var lines: [ReportLine] { sections.flatMap(\.lines) }

    /// PASS lines.
    public var passed: Int { lines.filter { $0.status == .pass }.count }
    /// WARN lines.
    public var warnings: Int { lines.filter { $0.status == .warn }.count }
    /// FAIL lines.
    public var failed: Int { lines.filter { $0.status == .fail }.count }

    /// The verdict. For `queue-system`, warnings alone do not fail the run (the script exits 0 then).
    public var verdict: Verdict {
        switch suite {
        case .deployment: Verdict(warnings: warnings, failed: failed)
        case .queueSystem: Verdict(warnings: 0, failed: failed)
        }
    }

    /// The process exit code: 0, 1 or 2 for `deployment`; 0 or 1 for `queue-system`, as its
    /// `exit 1` on a failed prerequisite.
    public var exitCode: Int32 {
        switch suite {
        case .deployment: verdict.exitCode
        case .queueSystem: failed > 0 ? 1 : 0
        }
    }

    /// The line of check `id` (`"2b"`), wherever it is.
    public func line(_ id: String) -> ReportLine? {
        lines.first { $0.id == id }
    }
}
