import FlareVerify
import Foundation
import Testing

/// (a) A healthy emulated deployment from `wrangler-configs/coinswarm/`, after a replayed producer
/// run and one `/trigger`: every check passes, exit 0.
struct HealthyDeploymentTests {
    /// Every counted line, in order, exactly as the script prints it.
    static let expectedLines: [(String, CheckStatus, String)] = [
        ("1a", .pass, "historical-data-queue exists"),
        ("1b", .pass, "historical-data-dlq (dead letter queue) exists"),
        ("2a", .pass, "Consumer attached to queue"),
        ("2b", .pass, "Consumer batch size: 100"),
        ("2c", .pass, "Consumer concurrency: 5"),
        ("3a", .pass, "D1 database accessible"),
        ("3b", .pass, "price_data table exists"),
        ("4a", .pass, "Queue consumer deployed"),
        ("4b", .pass, "Queue producer deployed"),
        ("4c", .pass, "Python historical worker deployed"),
        ("5", .pass, "Queue is empty (consumer is keeping up)"),
        ("6", .pass, "Producer has 30-minute cron trigger"),
        ("7a", .pass, "Consumer writes to price_data table (correct!)"),
        ("7b", .pass, "Consumer uses INSERT OR IGNORE (protects existing data)"),
        ("8a", .pass, "Python worker uses queue"),
        ("8b", .pass, "Python worker has queue binding"),
        ("8c", .pass, "Python worker uses batch sending"),
    ]

    @Test func healthyDeploymentVerifiesSuccessfully() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy(producerRun: true, trigger: true)
        let report = try await fixture.verify()
        let counted = report.lines.filter { $0.status != .info && $0.status != .text }
        #expect(counted.map { $0.id ?? "" } == Self.expectedLines.map(\.0))
        #expect(counted.map(\.status) == Self.expectedLines.map(\.1))
        #expect(counted.map(\.message) == Self.expectedLines.map(\.2))
        #expect(report.exitCode == 0)
        #expect(report.verdict == .verified)

        let text = CoinswarmFixture.text(report)
        let rows = try #require(
            report.lines.first { $0.message.hasPrefix("Current row count: ") }?.message.split(separator: " ").last)
        #expect(Int(rows).map { $0 > 2001 } == true)  // the trigger's page plus the producer's run
        let expected = HealthyTranscript.text.replacingOccurrences(of: "{ROOT}", with: fixture.persistRoot.path)
            .replacingOccurrences(of: "{ROWS}", with: String(rows))
        #expect(text == expected)
        #expect(!text.contains("\u{1B}["))
    }

    /// The probes run in a scratch copy: the real database and queues are as they were.
    @Test func probesLeaveTheRealStateUntouched() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy(trigger: true)
        let before = try await fixture.verify()
        let after = try await fixture.verify()
        let rowCount = { (report: VerificationReport) in
            report.lines.first { $0.message.hasPrefix("Current row count: ") }?.message
        }
        #expect(rowCount(before) != nil)
        #expect(rowCount(before) == rowCount(after))
        #expect(before.line("5")?.message == "Queue is empty (consumer is keeping up)")
        #expect(after.line("5")?.message == "Queue is empty (consumer is keeping up)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        #expect(!leftovers.contains { $0.hasPrefix("swiftflare-verify-") })
    }
}
