import FlareConfig
import FlareFetch
import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Testing

/// The three Coinswarm configs of `wrangler-configs/coinswarm` on a ``TestEmulator``: real D1 (with
/// the consumer's migrations), real queues, the cron scheduler on a manual clock, and the shipped
/// fixtures replayed for every upstream request.
struct CoinswarmEmulator {
    static let producer = "historical-data-queue-producer"
    static let consumer = "historical-data-queue-consumer"
    static let importer = "coinswarm-historical-import"
    static let queue = "historical-data-queue"
    static let deadLetterQueue = "historical-data-dlq"

    let test: TestEmulator

    /// The three configs of `wrangler-configs/coinswarm`.
    static func configs() throws -> [WorkerConfig] {
        try [
            "wrangler-historical-queue-producer.toml", "wrangler-historical-queue-consumer.toml",
            "wrangler_historical_import.toml",
        ].map { name in
            let loaded = try WranglerConfigLoader.load(path: CoinswarmFixtureExpectations.config(name))
            #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.render())")
            return loaded.config
        }
    }

    /// Replays the shipped fixtures.
    static func fetcher() -> ReplayingFetcher {
        ReplayingFetcher(
            store: FixtureStore(directory: CoinswarmFixtureExpectations.directory),
            logger: Logger(label: "coinswarm.e2e.fetch"))
    }

    /// Runs `body` against a started emulator at 2025-01-01T00:00:00Z.
    static func with<T: Sendable>(_ body: (CoinswarmEmulator) async throws -> T) async throws -> T {
        var options = RuntimeOptions()
        options.primaryWorker = importer
        return try await TestEmulator.with(configs: try configs(), fetcher: fetcher(), options: options) { test in
            try await body(CoinswarmEmulator(test: test))
        }
    }

    /// The shared D1 database, as the consumer sees it.
    func database() async throws -> any D1Database {
        let host = try #require(await test.emulator.host(named: Self.consumer))
        return try host.env.d1("DB")
    }

    /// Rows per `(symbol, source, timeframe)` in `price_data`.
    func priceGroups() async throws -> [CoinswarmFixtureExpectations.Group: Int] {
        let rows = try await database().prepare(
            "SELECT symbol, source, timeframe, COUNT(*) FROM price_data GROUP BY symbol, source, timeframe"
        ).raw()
        var groups: [CoinswarmFixtureExpectations.Group: Int] = [:]
        for row in rows {
            let group = CoinswarmFixtureExpectations.Group(
                symbol: row[0].stringValue ?? "", source: row[1].stringValue ?? "", timeframe: row[2].stringValue ?? "")
            groups[group] = Int(row[3].int64Value ?? 0)
        }
        return groups
    }

    /// The single integer `sql` returns.
    func scalar(_ sql: String, _ values: any D1ValueConvertible...) async throws -> Int64 {
        let rows = try await database().prepare(sql).bind(values: values.map(\.d1Value)).raw()
        return rows.first?.first?.int64Value ?? 0
    }

    /// Messages still held (ready, delayed or leased) by `queue`.
    func backlog(_ queue: String) async throws -> Int {
        let response = await test.emulator.control(
            method: .get, path: "/cdn-cgi/local/queues/\(queue)", query: [:], body: nil)
        let info = try await response.body.json()
        return ["backlog", "inFlight", "delayed"].reduce(0) { $0 + Int(info[$1]?.int64Value ?? 0) }
    }

    /// Sends one message per NDJSON line to `queue`, as `swiftflare queues send` does.
    func send(_ lines: [String], to queue: String = Self.queue) async throws {
        let response = await test.emulator.control(
            method: .post, path: "/cdn-cgi/local/queues/\(queue)/send", query: [:],
            body: Data(lines.joined(separator: "\n").utf8))
        let text = try await response.body.text()
        #expect(response.status.code == 200, "\(text)")
    }

    /// Lets the consumer's partial batches go: advances past `max_batch_timeout` (5 s) until both
    /// queues are empty, at most `rounds` times.
    func drainQueues(rounds: Int = 12) async throws {
        for _ in 0..<rounds {
            await test.settle()
            if try await backlog(Self.queue) == 0, try await backlog(Self.deadLetterQueue) == 0 { return }
            await test.advance(by: 5)
        }
    }
}
