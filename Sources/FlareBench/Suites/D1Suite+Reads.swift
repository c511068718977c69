import FlareD1
import FlareWorkerAPI
import Foundation
import GRDBSQLite
import Logging

extension D1Suite {
    static let pointSQL =
        "SELECT * FROM price_data WHERE symbol = ? AND timestamp = ? AND timeframe = ? AND source = ?"

    /// Point reads on the UNIQUE key: D1 `first()` versus a raw prepared SELECT.
    func pointReads(_ options: BenchOptions, logger: Logger) async throws -> BenchMeasurement {
        let rows = 20_000
        let reads = options.quick ? 5_000 : 20_000
        let root = try options.scratch("d1-read")
        defer { try? FileManager.default.removeItem(at: root) }
        let db = try LocalD1Database(persistRoot: root, databaseID: "read", logger: logger)
        _ = try await db.importSQL(Self.schema)
        let insert = db.prepare(Self.insertSQL)
        for start in stride(from: 0, to: rows, by: 100) {
            _ = try await db.batch((start..<start + 100).map { insert.bind(values: Self.row($0)) })
        }
        let select = db.prepare(Self.pointSQL)
        let path = db.fileURL.path
        return try await BenchTiming.compareRates(
            suite: name, metric: "point_reads_per_s", unit: "reads/s", reps: options.reps,
            baselineName: "raw SQLite prepared SELECT", note: "\(reads) reads on the UNIQUE key of \(rows) rows",
            subject: {
                let seconds = try await BenchTiming.seconds {
                    for index in 0..<reads {
                        let key = Self.row((index * 7919) % rows)
                        guard try await select.bind(values: [key[0], key[1], key[2], key[9]]).first() != nil else {
                            throw D1Error(message: "missing row")
                        }
                    }
                }
                return Double(reads) / seconds
            },
            baseline: {
                var handle: OpaquePointer?
                sqlite3_open(path, &handle)
                guard let handle else { throw D1Error(message: "cannot open") }
                defer { sqlite3_close_v2(handle) }
                var stmt: OpaquePointer?
                sqlite3_prepare_v2(handle, Self.pointSQL, -1, &stmt, nil)
                defer { sqlite3_finalize(stmt) }
                let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                let seconds = try await BenchTiming.seconds {
                    for index in 0..<reads {
                        let key = Self.row((index * 7919) % rows)
                        if case .text(let symbol) = key[0] { sqlite3_bind_text(stmt, 1, symbol, -1, transient) }
                        if case .integer(let time) = key[1] { sqlite3_bind_int64(stmt, 2, time) }
                        sqlite3_bind_text(stmt, 3, "1m", -1, transient)
                        sqlite3_bind_text(stmt, 4, "binance", -1, transient)
                        guard sqlite3_step(stmt) == SQLITE_ROW else { throw D1Error(message: "missing row") }
                        sqlite3_reset(stmt)
                    }
                }
                return Double(reads) / seconds
            })
    }

    /// `execute --file` on a generated dump: seconds and peak memory.
    func importFile(_ options: BenchOptions, logger: Logger) async throws -> [BenchMeasurement] {
        let targetBytes = options.quick ? 10 << 20 : 100 << 20
        let root = try options.scratch("d1-import")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("dump.sql")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        var written = 0
        var buffer = "PRAGMA defer_foreign_keys=TRUE;\n" + Self.schema + "\n"
        var index = 0
        while written + buffer.utf8.count < targetBytes {
            let r = Self.row(index)
            index += 1
            var line = "INSERT INTO \"price_data\" (\"id\",\"symbol\",\"timestamp\",\"timeframe\",\"open\",\"high\","
            line += "\"low\",\"close\",\"volume_from\",\"volume_to\",\"source\",\"created_at\") VALUES(\(index),"
            line += r.map { value -> String in
                switch value {
                case .text(let text): return "'\(text)'"
                case .integer(let int): return String(int)
                case .real(let double): return String(double)
                default: return "NULL"
                }
            }.joined(separator: ",")
            line += ",1700000000);\n"
            buffer += line
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                written += buffer.utf8.count
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        written += buffer.utf8.count
        try handle.close()
        let db = try LocalD1Database(persistRoot: root, databaseID: "import", logger: logger)
        var result: D1ImportResult?
        let seconds = try await BenchTiming.seconds { result = try await db.importSQL(contentsOf: file) }
        let rawSeconds = try Self.rawImportSeconds(file: file, root: root)
        let megabytes = Double(written) / 1_048_576
        let note = "\(Int(megabytes)) MB dump, \(result?.statements ?? 0) statements"
        return [
            BenchMeasurement(
                suite: name, metric: "import_seconds", unit: "s", value: seconds,
                baselineName: "raw sqlite3_exec of the same file in 1 MB chunks, one transaction",
                baselineValue: rawSeconds, ratio: rawSeconds / seconds, reps: 1,
                target: options.quick ? "< 1.5 (10 MB)" : "< 15 (100 MB)",
                note: note + "; lower is better; ratio = baseline / value"),
            BenchMeasurement(
                suite: name, metric: "import_peak_memory", unit: "MB", value: BenchTiming.peakMemoryMB(), reps: 1,
                target: "< 200", note: "process peak RSS after the import; " + note),
        ]
    }

    /// The best raw SQLite can do with the same dump: `sqlite3_exec` on 1 MB chunks cut at line ends
    /// (the generated dump has one statement per line after its schema), in one transaction.
    static func rawImportSeconds(file: URL, root: URL) throws -> Double {
        var db: OpaquePointer?
        guard sqlite3_open(root.appendingPathComponent("raw-import.sqlite").path, &db) == SQLITE_OK, let db else {
            throw D1Error(message: "cannot open raw SQLite")
        }
        defer { sqlite3_close_v2(db) }
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
                throw D1Error(message: "raw import failed: " + String(cString: sqlite3_errmsg(db)))
            }
        }
        let start = ContinuousClock.now
        try exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; BEGIN")
        var carry = Data()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            carry.append(chunk)
            guard let cut = carry.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            try exec(String(decoding: carry[..<cut], as: UTF8.self))
            carry = Data(carry[carry.index(after: cut)...])
        }
        if !carry.isEmpty { try exec(String(decoding: carry, as: UTF8.self)) }
        try exec("COMMIT")
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
