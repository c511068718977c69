import FlareConfig
import FlareFetch
import FlareRuntime
import FlareTesting
import FlareVerify
import FlareWorkerAPI
import FlareWorkers
import Foundation
import Logging

/// A Coinswarm deployment under a temporary directory: a copy of `wrangler-configs/coinswarm/`
/// (optionally edited to break it), a persist root, and the means to deploy and verify it.
struct CoinswarmFixture {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let consumerFile = "wrangler-historical-queue-consumer.toml"
    static let producerFile = "wrangler-historical-queue-producer.toml"
    static let importFile = "wrangler_historical_import.toml"
    /// The header's date: the verifier reads the injected clock, never the wall clock.
    static let now = Date(timeIntervalSince1970: 1_735_693_200)

    let directory: TemporaryDirectory
    let configDirectory: URL
    let persistRoot: URL

    /// Copies the configs, applying `edits` (file name → textual replacements that must match).
    init(edits: [String: [(String, String)]] = [:]) throws {
        directory = try TemporaryDirectory(prefix: "swiftflare-verify-test")
        configDirectory = directory.url.appendingPathComponent("coinswarm", isDirectory: true)
        persistRoot = directory.url.appendingPathComponent("state", isDirectory: true)
        try FileManager.default.copyItem(
            at: Self.repoRoot.appendingPathComponent("wrangler-configs/coinswarm"), to: configDirectory)
        for (file, replacements) in edits {
            let url = configDirectory.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            for (old, new) in replacements {
                guard text.contains(old) else { throw FixtureError("\(file) has no \(old)") }
                text = text.replacingOccurrences(of: old, with: new)
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The normalised configs, in the order `swiftflare dev` discovers them.
    func configs() throws -> [WorkerConfig] {
        try WranglerConfigLoader.discoverConfigs(in: configDirectory.path).map {
            try WranglerConfigLoader.load(path: $0).config
        }
    }

    /// What `make dev` and one `curl -X POST localhost:8787/trigger` leave behind, with replayed
    /// fixtures; `producerRun` also fires the producer's cron once.
    func deploy(workers: [any Worker.Type] = [], producerRun: Bool = false, trigger: Bool = false) async throws {
        let fetcher = FlareFetchModule.makeFetcher(
            mode: .replay, fixturesDirectory: Self.repoRoot.appendingPathComponent("fixtures"), trackUsage: false,
            logger: Logger(label: "verify.test"))
        try await TestEmulator.with(
            configs: try configs(), workers: workers, fetcher: fetcher, persistRoot: persistRoot
        ) { test in
            if trigger {
                let response = await test.fetch("/trigger", method: .post, worker: CoinswarmDeployment.importWorker)
                guard response.status.code == 200 else { throw FixtureError("trigger: \(response.status.code)") }
            }
            if producerRun {
                _ = await test.emulator.scheduled(
                    worker: CoinswarmDeployment.producer, cron: "*/30 * * * *", time: nil)
            }
            for _ in 0..<4 { await test.advance(by: 6) }
        }
    }

    /// Runs `suite` offline against the persist root (or against `devServer` through `fetcher`).
    func verify(
        _ suite: VerificationSuite = .deployment, workers: [any Worker.Type] = [], without: Set<String> = [],
        fix: Bool = false, devServer: URL? = nil, fetcher: (any Fetcher)? = nil
    ) async throws -> VerificationReport {
        let registry = WorkerRegistry((BuiltinWorkers.all + workers).filter { !without.contains($0.name) })
        var logger = Logger(label: "verify.test")
        logger.logLevel = .critical
        let options = VerifyOptions(
            configs: try configs(), persistRoot: persistRoot, registry: registry, devServer: devServer,
            fetcher: fetcher, fix: fix, workingDirectory: "/work/project", scratchDirectory: directory.url,
            clock: ManualClock(now: Self.now), logger: logger)
        return await DeploymentVerifier(options: options).verify(suite)
    }

    /// The plain-text output, without colours.
    static func text(_ report: VerificationReport) -> String {
        TextRenderer(colors: false).render(report)
    }

    func remove() {
        directory.remove()
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
