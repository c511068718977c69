import FlareQueues
import FlareVerify
import Foundation
import Logging
import Testing

/// `--suite queue-system` (§6.2): non-interactive, nothing created without `--fix`.
struct QueueSystemSuiteTests {
    @Test func healthyDeploymentIsReady() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy(trigger: true)
        let report = try await fixture.verify(.queueSystem)
        let text = CoinswarmFixture.text(report)
        #expect(text.hasPrefix("🧪 Testing Queue-Based Historical Data System\n" + String(repeating: "=", count: 46)))
        for line in [
            "✅ historical-data-queue exists", "✅ historical-data-dlq exists", "✅ Consumer attached to queue",
            "max_batch_size = 100", "✅ D1 database found (pyswarm-cccagg)", "✅ price_data table exists",
            "✅ Python worker responded successfully", "✅ Data queued successfully",
            "ℹ️  250 candles queued in 3 messages", "✅ Queue is empty (consumer is keeping up!)",
            "✅ Consumer deployed and attached", "✅ System is ready!",
        ] {
            #expect(text.split(separator: "\n").contains { $0 == line }, "missing: \(line)")
        }
        #expect(report.exitCode == 0)
    }

    @Test func withoutFixNothingIsCreated() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        let report = try await fixture.verify(.queueSystem)
        let text = CoinswarmFixture.text(report)
        #expect(text.contains("⚠️  historical-data-queue not found\n"))
        #expect(text.contains("❌ D1 database not found\n"))
        #expect(report.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: fixture.persistRoot.path))
    }

    @Test func fixCreatesMissingQueues() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        let report = try await fixture.verify(.queueSystem, fix: true)
        let text = CoinswarmFixture.text(report)
        #expect(text.contains("✅ historical-data-queue created\n"))
        #expect(text.contains("✅ historical-data-dlq created\n"))
        let broker = try LocalQueueBroker(persistRoot: fixture.persistRoot, logger: Logger(label: "verify.test"))
        #expect(try await broker.listQueues().map(\.name) == ["historical-data-dlq", "historical-data-queue"])
    }
}
