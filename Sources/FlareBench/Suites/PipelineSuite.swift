import FlareConfig
import FlareRuntime
import FlareWorkerAPI
import FlareWorkers
import Foundation
import GRDBSQLite
import Logging

/// `swiftflare bench pipeline`: the whole Coinswarm path, beside raw SQLite inserting the same rows in
/// the same run.
///
/// Subject: N producer runs (`scheduled` of `historical-data-queue-producer`, fetching the replayed
/// fixtures, shifted per run so every run brings new candles) → `sendBatch` → the durable broker →
/// `historical-data-queue-consumer` batches of 100 messages → D1 `batch()` of 100 `INSERT OR IGNORE`
/// into `price_data`, timed from the first run's start until the last row is stored. The runs go one
/// after another while the broker delivers full batches to the consumer as they fill, so producing and
/// storing overlap on the two cores. Both configs are the ones in `wrangler-configs/coinswarm`.
///
/// Baseline: one raw SQLite connection (WAL, `synchronous=NORMAL`, as D1) inserting the same rows
/// into the same `price_data` (UNIQUE key and both indexes) with one prepared statement, in
/// transactions of 100.
public struct PipelineSuite: BenchSuite {
    /// `pipeline`.
    public let name = "pipeline"

    /// Creates the suite.
    public init() {}

    static let producer = "historical-data-queue-producer"
    static let consumer = "historical-data-queue-consumer"

    /// Runs the end-to-end measurement.
    /// - Throws: when the fixtures or configs cannot be read, a run fails, or a count comes out wrong.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let runs = options.quick ? 4 : 12
        let fixtures = try PipelineFixtures(runs: runs)
        let note =
            "\(runs) replayed producer runs, \(fixtures.rows.count) rows: scheduled → sendBatch → broker → "
            + "consumer batches of 100 messages → D1 batch() of 100; price_data with UNIQUE key and both indexes"
        let measurement = try await BenchTiming.compareRates(
            suite: name, metric: "end_to_end_rows_per_s", unit: "rows/s", reps: options.reps,
            baselineName: "raw SQLite inserting the same rows, transactions of 100", target: ">= 0.45", note: note,
            subject: { try await Self.pipelineRate(fixtures, runs: runs, options: options) },
            baseline: { try Self.rawRate(fixtures.rows, options: options) })
        return [measurement]
    }

    /// Loads the Coinswarm producer and consumer configs.
    static func configs() throws -> [WorkerConfig] {
        let directory = PipelineFixtures.repositoryRoot.appendingPathComponent("wrangler-configs/coinswarm")
        return try ["wrangler-historical-queue-producer.toml", "wrangler-historical-queue-consumer.toml"].map {
            let loaded = try WranglerConfigLoader.load(path: directory.appendingPathComponent($0).path)
            if loaded.diagnostics.hasErrors { throw PipelineBenchFailure.setup(loaded.diagnostics.render()) }
            return loaded.config
        }
    }

    /// One end-to-end pass on a fresh persist root; rows stored per second.
    static func pipelineRate(_ fixtures: PipelineFixtures, runs: Int, options: BenchOptions) async throws -> Double {
        let root = try options.scratch("pipeline")
        defer { try? FileManager.default.removeItem(at: root) }
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_735_689_600))
        let emulator = Emulator(
            configs: try configs(), registry: WorkerRegistry(BuiltinWorkers.all),
            options: RuntimeOptions(persistRoot: root, cronEnabled: false), fetcher: PipelineFetcher(fixtures),
            clock: clock, logger: Logger(label: "bench.pipeline") { _ in SwiftLogNoOpLogHandler() })
        try await emulator.start()
        await emulator.settle()
        var failedRuns = 0
        let seconds = await BenchTiming.seconds {
            for _ in 0..<runs {
                let outcome = await emulator.scheduled(worker: producer, cron: "*/30 * * * *", time: nil)
                if outcome?.outcome != "ok" { failedRuns += 1 }
            }
            // The last partial batch goes when its max_batch_timeout (5 s) has run out; its timer
            // may only start at the first advance, hence the loop.
            for _ in 0..<4 {
                await clock.advance(by: 5)
                await emulator.settle()
                if (try? await storedRows(emulator)) == fixtures.rows.count { break }
            }
        }
        let stored = try await storedRows(emulator)
        await emulator.shutdown()
        if failedRuns > 0 { throw PipelineBenchFailure.setup("\(failedRuns) producer runs failed") }
        guard stored == fixtures.rows.count else {
            throw PipelineBenchFailure.wrongCount(expected: fixtures.rows.count, got: stored)
        }
        return Double(stored) / seconds
    }

    private static func storedRows(_ emulator: Emulator) async throws -> Int {
        guard let host = await emulator.host(named: consumer) else { throw PipelineBenchFailure.setup("no consumer") }
        let count = try await host.env.d1("DB").prepare("SELECT COUNT(*) AS n FROM price_data").first("n")
        return Int(count?.int64Value ?? 0)
    }

    /// Raw SQLite: the same rows into the same table, one prepared statement, transactions of 100.
    static func rawRate(_ rows: [PricePoint], options: BenchOptions) throws -> Double {
        let root = try options.scratch("pipeline-raw")
        defer { try? FileManager.default.removeItem(at: root) }
        var db: OpaquePointer?
        guard sqlite3_open(root.appendingPathComponent("raw.sqlite").path, &db) == SQLITE_OK, let db else {
            throw PipelineBenchFailure.setup("cannot open raw SQLite")
        }
        defer { sqlite3_close_v2(db) }
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", nil, nil, nil)
        sqlite3_exec(db, D1Suite.schema, nil, nil, nil)
        var stmt: OpaquePointer?
        sqlite3_prepare_v2(db, D1Suite.insertSQL, -1, &stmt, nil)
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        func bind(_ slot: Int32, _ value: Double?) {
            if let value { sqlite3_bind_double(stmt, slot, value) } else { sqlite3_bind_null(stmt, slot) }
        }
        let start = ContinuousClock.now
        for (index, row) in rows.enumerated() {
            if index % 100 == 0 { sqlite3_exec(db, "BEGIN", nil, nil, nil) }
            sqlite3_bind_text(stmt, 1, row.symbol, -1, transient)
            sqlite3_bind_int64(stmt, 2, row.timestamp)
            sqlite3_bind_text(stmt, 3, row.timeframe, -1, transient)
            bind(4, row.open)
            bind(5, row.high)
            bind(6, row.low)
            bind(7, row.close)
            bind(8, row.volumeFrom)
            bind(9, row.volumeTo)
            sqlite3_bind_text(stmt, 10, row.source.rawValue, -1, transient)
            guard sqlite3_step(stmt) == SQLITE_DONE else { throw PipelineBenchFailure.setup("raw insert failed") }
            sqlite3_reset(stmt)
            if index % 100 == 99 || index == rows.count - 1 { sqlite3_exec(db, "COMMIT", nil, nil, nil) }
        }
        let elapsed = ContinuousClock.now - start
        return Double(rows.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
