import Foundation

/// Renders a report as JSON for machines (`--json`): the report's fields plus the counts, the
/// verdict and the exit code.
public enum JSONRenderer {
    private struct Document: Encodable {
        var suite: VerificationSuite
        var target: String
        var workingDirectory: String
        var date: String
        var sections: [ReportSection]
        var summaryLines: [ReportLine]
        var passed: Int
        var warnings: Int
        var failed: Int
        var verdict: Verdict
        var exitCode: Int32
    }

    /// Pretty-printed JSON with sorted keys, ending with a newline.
    /// - Throws: an `EncodingError` (not expected for a report).
    public static func render(_ report: VerificationReport) throws -> String {
        let document = Document(
            suite: report.suite, target: report.target, workingDirectory: report.workingDirectory, date: report.date,
            sections: report.sections, summaryLines: report.summaryLines, passed: report.passed,
            warnings: report.warnings, failed: report.failed, verdict: report.verdict, exitCode: report.exitCode)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
