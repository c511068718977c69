import FlareFetch
import FlareRuntime
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
        let port = try Self.freePortRange(4)
        var options = RuntimeOptions(persistRoot: directory, port: port)
        options.primaryWorker = CoinswarmEmulator.importer
        options.cronEnabled = false
        var logger = Logger(label: "swiftflare.test")
        logger.logLevel = .warning
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_735_689_600))
        let emulator = Emulator(
            configs: try CoinswarmEmulator.configs(), registry: WorkerRegistry(BuiltinWorkers.all), options: options,
            fetcher: CoinswarmEmulator.fetcher(), clock: clock, logger: logger)
        let ready = AsyncStream.makeStream(of: [(worker: String, url: String)].self)
        let server = Task {
            try await emulator.run { table in
                ready.continuation.yield(table)
                ready.continuation.finish()
            }
        }
        defer { server.cancel() }
        var iterator = ready.stream.makeAsyncIterator()
        let table = try #require(await iterator.next())
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

    /// A port `p` such that `p ..< p + count` are free right now.
    static func freePortRange(_ count: Int) throws -> Int {
        for _ in 0..<20 {
            let base = Int.random(in: 20_000..<60_000)
            if (base..<base + count).allSatisfy(isFree) { return base }
        }
        throw CocoaError(.featureUnsupported)
    }

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        } == 0
    }
}
