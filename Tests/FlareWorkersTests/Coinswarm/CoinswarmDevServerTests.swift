import FlareFetch
import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import FlareWorkers
import Foundation
import Logging
import Testing

/// What `make dev` serves, through real sockets: `curl -X POST <import>/trigger` answers the JSON of
/// §4.5, and once the consumer's batch timer has run, `<consumer>/stats` shows the rows.
struct CoinswarmDevServerTests {
    @Test func triggerOverHTTPThenStatsOnTheConsumersPort() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coinswarm-dev-\(UUID().uuidString.lowercased())", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try LoopbackPorts.freeRange(4)
        var options = RuntimeOptions(persistRoot: directory, port: port)
        options.primaryWorker = CoinswarmEmulator.importer
        options.cronEnabled = false
        var logger = Logger(label: "swiftflare.test")
        logger.logLevel = .warning
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_735_689_600))
        let emulator = Emulator(
            configs: try CoinswarmEmulator.configs(), registry: WorkerRegistry(BuiltinWorkers.all), options: options,
            fetcher: CoinswarmEmulator.fetcher(), clock: clock, logger: logger)
        let served = try await ServingEmulator.start(emulator)
        defer { served.stop() }
        let table = served.table
        #expect(table.first?.worker == CoinswarmEmulator.importer)
        #expect(table.first?.url == "http://127.0.0.1:\(port)")
        let consumerURL = try #require(table.first { $0.worker == CoinswarmEmulator.consumer }?.url)

        let client = CurlFetcher(logger: logger)
        let trigger = try await client.fetch(
            WorkerRequest(method: .post, url: URL(string: "http://127.0.0.1:\(port)/trigger")!))
        #expect(trigger.status.code == 200)
        let page = try await trigger.body.json()
        let keys = ["inserted", "next_toTs", "oldest", "newest", "candles", "message", "next_trigger"]
        #expect(page.objectValue.map { Set($0.keys) } == Set(keys))
        let inserted = try #require(page["inserted"]?.int64Value)
        #expect(page["message"] == .string("Inserted \(inserted) BTC-USDC daily candles."))

        // The consumer's partial batch goes after max_batch_timeout (5 s on the manual clock).
        await clock.advance(by: 5)
        await emulator.settle()
        let stats = try await client.fetch(WorkerRequest(url: URL(string: "\(consumerURL)/stats")!))
        let json = try await stats.body.json()
        #expect(json["data"]?["total"] == .int(inserted))
        #expect(json["data"]?["oldest"] == page["oldest"])
        #expect(json["data"]?["newest"] == page["newest"])
    }
}
