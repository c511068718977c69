import FlareD1
import FlareQueues
import FlareVerify
import Foundation
import Logging
import Testing

/// (b) Broken deployments, one per check: the exact FAIL or WARN line and the exit code.
struct BrokenDeploymentTests {
    typealias File = CoinswarmFixture
    static let logger = Logger(label: "verify.test")

    /// Asserts `line` is printed exactly and the run exits with `exitCode`.
    static func expect(
        _ report: VerificationReport, prints line: String, exitCode: Int32,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = CoinswarmFixture.text(report)
        #expect(text.split(separator: "\n").contains { $0 == line }, "missing: \(line)", sourceLocation: sourceLocation)
        #expect(report.exitCode == exitCode, sourceLocation: sourceLocation)
        let verdict = exitCode == 2 ? "❌ DEPLOYMENT VERIFICATION FAILED" : "⚠️  DEPLOYMENT VERIFIED WITH WARNINGS"
        #expect(text.contains(verdict), sourceLocation: sourceLocation)
    }

    @Test func queueMissing() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy()
        let broker = try LocalQueueBroker(persistRoot: fixture.persistRoot, logger: Self.logger)
        try await broker.deleteQueue(CoinswarmDeployment.queue)
        let report = try await fixture.verify()
        Self.expect(report, prints: "❌ FAIL: historical-data-queue not found", exitCode: 2)
        #expect(report.line("2a")?.status == .fail)
    }

    @Test func deadLetterQueueMissing() async throws {
        let consumer = try String(
            contentsOf: CoinswarmFixture.repoRoot.appendingPathComponent(
                "wrangler-configs/coinswarm/\(File.consumerFile)"), encoding: .utf8)
        let dlqSection = String(consumer[consumer.range(of: "# swiftflare addition")!.lowerBound...])
        let fixture = try CoinswarmFixture(edits: [
            File.consumerFile: [("dead_letter_queue = \"historical-data-dlq\"\n", ""), (dlqSection, "")]
        ])
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify()
        Self.expect(report, prints: "⚠️  WARN: historical-data-dlq not found (non-critical)", exitCode: 1)
    }

    @Test func consumerBatchSizeTen() async throws {
        let fixture = try CoinswarmFixture(edits: [
            File.consumerFile: [
                (
                    "max_batch_size = 100\nmax_batch_timeout = 5\nmax_retries = 3",
                    "max_batch_size = 10\nmax_batch_timeout = 5\nmax_retries = 3"
                )
            ]
        ])
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify()
        Self.expect(report, prints: "⚠️  WARN: Consumer batch size may not be configured correctly", exitCode: 1)
        #expect(report.lines.contains { $0.message == "max_batch_size: 10 in the config, 10 in the broker" })
    }

    @Test func consumerConcurrencyOne() async throws {
        let fixture = try CoinswarmFixture(edits: [File.consumerFile: [("max_concurrency = 5", "max_concurrency = 1")]])
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify()
        Self.expect(report, prints: "⚠️  WARN: Consumer concurrency may not be configured correctly", exitCode: 1)
    }

    /// The config changed after the last `swiftflare dev`: the broker still has the old settings.
    @Test func configAndBrokerDisagree() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy()
        let url = fixture.configDirectory.appendingPathComponent(File.consumerFile)
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(
            of: "max_batch_size = 100\nmax_batch_timeout = 5\nmax_retries = 3",
            with: "max_batch_size = 50\nmax_batch_timeout = 5\nmax_retries = 3"
        )
        .write(to: url, atomically: true, encoding: .utf8)
        let report = try await fixture.verify()
        Self.expect(report, prints: "⚠️  WARN: Consumer batch size may not be configured correctly", exitCode: 1)
        #expect(report.lines.contains { $0.message == "max_batch_size: 50 in the config, 100 in the broker" })
    }

    @Test func consumerNotAttached() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy(trigger: true)
        let broker = try LocalQueueBroker(persistRoot: fixture.persistRoot, logger: Self.logger)
        try await broker.unregisterConsumer(queue: CoinswarmDeployment.queue)
        let report = try await fixture.verify()
        Self.expect(report, prints: "❌ FAIL: Consumer not attached to queue", exitCode: 2)
        #expect(report.line("2b") == nil)
    }

    @Test func databaseMissing() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        // Never deployed: no state at all.
        let report = try await fixture.verify()
        Self.expect(report, prints: "❌ FAIL: D1 database not accessible", exitCode: 2)
        #expect(report.line("1a")?.status == .fail)
        #expect(report.line("3b") == nil)
    }

    @Test func tableMissing() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy()
        let database = try LocalD1Database(
            persistRoot: fixture.persistRoot, databaseID: "b37495a5-d7dc-4104-afab-4a9805eb5461", logger: Self.logger)
        let views = try await database.prepare("SELECT name FROM sqlite_master WHERE type = 'view'").raw()
        for view in views.compactMap({ $0.first?.stringValue }) {
            _ = try await database.exec("DROP VIEW \(view)")
        }
        _ = try await database.exec("DROP TABLE price_data")
        let report = try await fixture.verify()
        Self.expect(report, prints: "❌ FAIL: price_data table not found", exitCode: 2)
        #expect(report.line("7a")?.message == "Could not verify consumer table target")
    }

    @Test func producerCronEveryFifteenMinutes() async throws {
        let fixture = try CoinswarmFixture(edits: [File.producerFile: [("*/30 * * * *", "*/15 * * * *")]])
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify()
        Self.expect(report, prints: "⚠️  WARN: Producer has cron trigger but may not be 30-minute interval", exitCode: 1)
        #expect(report.lines.contains { $0.message == "It fires every 15 minutes (96 times a day)" })
    }

    /// A commented-out trigger is no trigger (the script's regex still matched it).
    @Test func producerCronCommentedOut() async throws {
        let fixture = try CoinswarmFixture(edits: [
            File.producerFile: [("crons = [\"*/30 * * * *\"]", "# crons = [\"*/30 * * * *\"]")]
        ])
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify()
        Self.expect(report, prints: "❌ FAIL: Producer missing cron trigger", exitCode: 2)
    }

    @Test func consumerNotRegistered() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify(without: [CoinswarmDeployment.consumer])
        Self.expect(report, prints: "❌ FAIL: Queue consumer deployment not found", exitCode: 2)
        #expect(
            report.lines.contains { $0.message == "No Swift worker is registered for historical-data-queue-consumer" })
        #expect(report.line("7a")?.message == "Could not verify consumer table target")
    }

    @Test func importWorkerNotRegistered() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify(without: [CoinswarmDeployment.importWorker])
        Self.expect(
            report, prints: "⚠️  WARN: Python historical worker deployment not found (may need manual deployment)",
            exitCode: 2)
        #expect(report.line("8a")?.message == "Python worker missing queue usage")
    }

    @Test func backlogOfFiveThousandMessages() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy()
        let broker = try LocalQueueBroker(persistRoot: fixture.persistRoot, logger: Self.logger)
        let line =
            #"{"symbol":"BTC-USDC","timestamp":1,"timeframe":"1d","open":1,"high":1,"low":1,"close":1,"source":"cryptocompare"}"#
        try await broker.send(
            queue: CoinswarmDeployment.queue, ndjson: Array(repeating: line, count: 5000).joined(separator: "\n"))
        let report = try await fixture.verify()
        Self.expect(report, prints: "⚠️  WARN: Queue has 5000 messages (may be backlog)", exitCode: 1)
    }

    @Test func consumerWritesToHistoricalPrices() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy(workers: [LegacyTableConsumer.self])
        let report = try await fixture.verify(workers: [LegacyTableConsumer.self])
        Self.expect(report, prints: "❌ FAIL: Consumer writes to historical_prices table (wrong!)", exitCode: 2)
        #expect(report.line("7b")?.message == "Consumer missing INSERT OR IGNORE")
    }

    @Test func importWorkerWithoutQueueBinding() async throws {
        let fixture = try CoinswarmFixture(edits: [
            File.importFile: [
                ("[[queues.producers]]\nqueue = \"historical-data-queue\"\nbinding = \"HISTORICAL_QUEUE\"", "")
            ]
        ])
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify()
        Self.expect(report, prints: "❌ FAIL: Python worker missing queue binding", exitCode: 2)
        #expect(report.line("8a")?.status == .fail)
        #expect(report.line("8c")?.message == "Python worker may not use batch sending")
    }
}
