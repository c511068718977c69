import FlareD1
import FlareWorkerAPI
import Foundation
import GRDBSQLite
import Logging

/// D1 ingestion, point reads and `execute --file` import, each beside raw SQLite in the same run.
///
/// Ingestion: Coinswarm `price_data` rows through `batch()` of 100 prepared `INSERT OR IGNORE` statements (as the
/// queue consumer does) versus raw SQLite prepared inserts, in one transaction and in transactions of 100.
public struct D1Suite: BenchSuite {
    /// `d1`.
    public let name = "d1"

    /// Creates the suite.
    public init() {}

    static let schema = """
        CREATE TABLE IF NOT EXISTS price_data (id INTEGER PRIMARY KEY AUTOINCREMENT, symbol TEXT NOT NULL,
        timestamp INTEGER NOT NULL, timeframe TEXT NOT NULL, open REAL NOT NULL, high REAL NOT NULL,
        low REAL NOT NULL, close REAL NOT NULL, volume_from REAL, volume_to REAL, source TEXT NOT NULL,
        created_at INTEGER DEFAULT (unixepoch()), UNIQUE(symbol, timestamp, timeframe, source));
        CREATE INDEX IF NOT EXISTS idx_price_data_symbol_timeframe ON price_data(symbol, timeframe, timestamp DESC);
        CREATE INDEX IF NOT EXISTS idx_price_data_timestamp ON price_data(timestamp DESC);
        """
    static let insertSQL = """
        INSERT OR IGNORE INTO price_data (
          symbol, timestamp, timeframe, open, high, low, close, volume_from, volume_to, source
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let symbols = ["BTC", "ETH", "SOL", "ADA", "DOT", "XRP", "AVAX", "LINK"]

    /// The bound values of row `index`.
    static func row(_ index: Int) -> [D1Value] {
        let price = 100 + Double(index % 1000) * 0.25
        return [
            .text(symbols[index % symbols.count]), .integer(1_600_000_000_000 + Int64(index / symbols.count) * 60_000),
            .text("1m"), .real(price), .real(price + 1), .real(price - 1), .real(price + 0.5), .real(Double(index)),
            .real(Double(index) * price), .text("binance"),
        ]
    }

    /// Runs the suite.
    /// - Throws: on setup failures or wrong counts.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let rows = options.quick ? 100_000 : 1_000_000
        let logger = Logger(label: "bench.d1")
        var measurements: [BenchMeasurement] = []
        let d1Rate: @Sendable () async throws -> Double = {
            let root = try options.scratch("d1")
            defer { try? FileManager.default.removeItem(at: root) }
            let db = try LocalD1Database(persistRoot: root, databaseID: "bench", logger: logger)
            _ = try await db.importSQL(Self.schema)
            let insert = db.prepare(Self.insertSQL)
            let seconds = try await BenchTiming.seconds {
                var index = 0
                while index < rows {
                    let end = min(index + 100, rows)
                    _ = try await db.batch((index..<end).map { insert.bind(values: Self.row($0)) })
                    index = end
                }
            }
            return Double(rows) / seconds
        }
        let note = "\(rows) price_data rows; D1 batch() of 100 INSERT OR IGNORE per call"
        measurements.append(
            try await BenchTiming.compareRates(
                suite: name, metric: "ingest_rows_per_s", unit: "rows/s", reps: options.reps,
                baselineName: "raw SQLite prepared inserts, one transaction", target: ">= 0.60", note: note,
                subject: d1Rate, baseline: { try Self.rawRate(rows: rows, perTransaction: rows, options: options) }))
        measurements.append(
            try await BenchTiming.compareRates(
                suite: name, metric: "ingest_rows_per_s_txn100", unit: "rows/s", reps: options.reps,
                baselineName: "raw SQLite prepared inserts, transactions of 100", target: ">= 0.60", note: note,
                subject: d1Rate, baseline: { try Self.rawRate(rows: rows, perTransaction: 100, options: options) }))
        measurements.append(try await pointReads(options, logger: logger))
        measurements.append(contentsOf: try await importFile(options, logger: logger))
        return measurements
    }

    /// Raw SQLite: one prepared statement, bound and stepped per row, `perTransaction` rows per transaction.
    static func rawRate(rows: Int, perTransaction: Int, options: BenchOptions) throws -> Double {
        let root = try options.scratch("raw")
        defer { try? FileManager.default.removeItem(at: root) }
        var db: OpaquePointer?
        guard sqlite3_open(root.appendingPathComponent("raw.sqlite").path, &db) == SQLITE_OK, let db else {
            throw D1Error(message: "cannot open raw SQLite")
        }
        defer { sqlite3_close_v2(db) }
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", nil, nil, nil)
        sqlite3_exec(db, schema, nil, nil, nil)
        var stmt: OpaquePointer?
        sqlite3_prepare_v2(db, insertSQL, -1, &stmt, nil)
        defer { sqlite3_finalize(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let start = ContinuousClock.now
        for index in 0..<rows {
            if index % perTransaction == 0 { sqlite3_exec(db, "BEGIN", nil, nil, nil) }
            for (position, value) in row(index).enumerated() {
                let slot = Int32(position + 1)
                switch value {
                case .integer(let int): sqlite3_bind_int64(stmt, slot, int)
                case .real(let double): sqlite3_bind_double(stmt, slot, double)
                case .text(let text): sqlite3_bind_text(stmt, slot, text, -1, transient)
                default: sqlite3_bind_null(stmt, slot)
                }
            }
            guard sqlite3_step(stmt) == SQLITE_DONE else { throw D1Error(message: "raw insert failed") }
            sqlite3_reset(stmt)
            if index % perTransaction == perTransaction - 1 || index == rows - 1 {
                sqlite3_exec(db, "COMMIT", nil, nil, nil)
            }
        }
        let elapsed = ContinuousClock.now - start
        return Double(rows) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
