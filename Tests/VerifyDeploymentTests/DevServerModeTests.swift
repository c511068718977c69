import FlareFetch
import FlareTesting
import FlareVerify
import FlareWorkerAPI
import Foundation
import Logging
import Testing

/// `--url`: queue, worker and cron state from a running emulator's control routes.
struct DevServerModeTests {
    @Test func runningEmulatorVerifiesSuccessfully() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        let fetcher = FlareFetchModule.makeFetcher(
            mode: .replay, fixturesDirectory: CoinswarmFixture.repoRoot.appendingPathComponent("fixtures"),
            trackUsage: false, logger: Logger(label: "verify.test"))
        let report = try await TestEmulator.with(
            configs: try fixture.configs(), fetcher: fetcher, persistRoot: fixture.persistRoot
        ) { test in
            _ = await test.fetch("/trigger", method: .post, worker: CoinswarmDeployment.importWorker)
            for _ in 0..<4 { await test.advance(by: 6) }
            return try await fixture.verify(
                devServer: URL(string: "http://127.0.0.1:8787")!,
                fetcher: EmulatorControlFetcher(emulator: test.emulator))
        }
        #expect(report.target.hasPrefix("dev server http://127.0.0.1:8787"))
        #expect(report.failed == 0 && report.warnings == 0)
        #expect(report.exitCode == 0)
    }

    @Test func unreachableDevServerFailsTheStateChecks() async throws {
        let fixture = try CoinswarmFixture()
        defer { fixture.remove() }
        try await fixture.deploy()
        let report = try await fixture.verify(
            devServer: URL(string: "http://127.0.0.1:8787")!, fetcher: RefusingFetcher())
        #expect(report.line("1a")?.message == "historical-data-queue not found")
        #expect(report.line("4a")?.message == "Queue consumer deployment not found")
        #expect(report.lines.contains { $0.message == "historical-data-queue-consumer does not run on the dev server" })
        #expect(report.exitCode == 2)
    }
}

/// A dev server that is not running.
struct RefusingFetcher: Fetcher {
    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        throw FetchError(code: .network, message: "connection refused")
    }
}
