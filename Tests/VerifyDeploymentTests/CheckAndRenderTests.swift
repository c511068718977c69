import FlareQueues
import FlareVerify
import Foundation
import Testing

/// Checks as pure functions of facts, and the two renderers.
struct CheckAndRenderTests {
    static func facts(crons: [String] = [], queues: [QueueInfo] = []) -> DeploymentFacts {
        DeploymentFacts(
            source: "test", queueSource: "test", configs: [], runnableWorkers: [], queueStateFound: true,
            queues: queues, live: false, crons: [CoinswarmDeployment.producer: crons], database: DatabaseFacts())
    }

    @Test(arguments: [
        (["*/30 * * * *"], CheckStatus.pass), (["0,30 * * * *"], .pass), (["*/15 * * * *"], .warn),
        (["0 * * * *"], .warn), (["not a cron"], .warn), ([], .fail),
    ])
    func producerCronIsJudgedByItsFireTimes(crons: [String], status: CheckStatus) {
        #expect(ProducerCronCheck().evaluate(Self.facts(crons: crons)).line("6")?.status == status)
    }

    @Test func depthIsARealNumber() {
        let low = Self.facts(queues: [QueueInfo(name: CoinswarmDeployment.queue, backlog: 990, delayed: 9)])
        #expect(QueueDepthCheck().evaluate(low).line("5")?.message == "Queue depth is low (999 messages)")
        let high = Self.facts(queues: [QueueInfo(name: CoinswarmDeployment.queue, backlog: 1000)])
        #expect(QueueDepthCheck().evaluate(high).line("5")?.message == "Queue has 1000 messages (may be backlog)")
        #expect(QueueDepthCheck().evaluate(Self.facts()).line("5") == nil)
    }

    @Test func coloursOnlyWhenAsked() {
        let report = VerificationReport(
            suite: .deployment, target: "t", workingDirectory: "/w", date: "d",
            sections: [ReportSection(title: "Test", lines: [.pass("1a", "ok"), .warn("1b", "hm")])])
        let coloured = TextRenderer(colors: true).render(report)
        #expect(coloured.contains("\u{1B}[0;32m✅ PASS\u{1B}[0m: ok"))
        #expect(coloured.contains("\u{1B}[1;33m⚠️  DEPLOYMENT VERIFIED WITH WARNINGS\u{1B}[0m"))
        let plain = TextRenderer(colors: false).render(report)
        #expect(plain.contains("\n✅ PASS: ok\n⚠️  WARN: hm\n"))
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func jsonCarriesLinesCountsAndExitCode() throws {
        let report = VerificationReport(
            suite: .deployment, target: "t", workingDirectory: "/w", date: "d",
            sections: [ReportSection(title: "Test", lines: [.pass("1a", "ok"), .fail("1b", "no")])])
        let json = try JSONRenderer.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["exitCode"] as? Int == 2)
        #expect(object["verdict"] as? String == "failed")
        #expect(object["passed"] as? Int == 1)
        #expect(object["failed"] as? Int == 1)
        let sections = try #require(object["sections"] as? [[String: Any]])
        let lines = try #require(sections.first?["lines"] as? [[String: Any]])
        #expect(lines.map { $0["message"] as? String } == ["ok", "no"])
    }
}

extension CheckAndRenderTests {
    /// `--no-probe`: the behavioural checks say they were skipped and count nothing.
    @Test func skippedProbesCountNothing() {
        let facts = Self.facts()
        let seven = ConsumerBehaviourCheck().evaluate(facts)
        #expect(seven.lines == [.info("Behavioural probes were not run: 7a and 7b skipped")])
        let eight = ImportWorkerCheck().evaluate(facts)
        #expect(eight.lines.map(\.id) == ["8b", nil, nil])
        #expect(eight.line("8b")?.status == .fail)
    }
}
