import Foundation
import GRDBSQLite

/// The queues suite's baseline: a message table driven through the SQLite C API with prepared
/// statements, WAL, `synchronous = NORMAL` and `secure_delete = OFF` (the broker's settings).
final class RawQueueDatabase {
    private var handle: OpaquePointer?
    private var insertStatement: OpaquePointer?
    private var selectStatement: OpaquePointer?
    private var deleteStatement: OpaquePointer?
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(directory: URL) throws {
        guard sqlite3_open(directory.appendingPathComponent("raw.sqlite").path, &handle) == SQLITE_OK else {
            throw QueuesBenchFailure.sqlite("open")
        }
        try exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = OFF;")
        try exec(
            """
            CREATE TABLE messages (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, timestamp_ms INTEGER NOT NULL,
            content_type TEXT NOT NULL, body BLOB NOT NULL, attempts INTEGER NOT NULL DEFAULT 0)
            """)
        insertStatement = try prepare(
            "INSERT INTO messages (id, timestamp_ms, content_type, body) VALUES (?1, ?2, 'json', ?3)")
        selectStatement = try prepare(
            "SELECT seq, id, timestamp_ms, body, attempts FROM messages ORDER BY seq LIMIT 100")
        deleteStatement = try prepare("DELETE FROM messages WHERE seq = ?1")
    }

    deinit {
        for statement in [insertStatement, selectStatement, deleteStatement] { sqlite3_finalize(statement) }
        sqlite3_close(handle)
    }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
            throw QueuesBenchFailure.sqlite(String(cString: sqlite3_errmsg(handle)))
        }
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw QueuesBenchFailure.sqlite(String(cString: sqlite3_errmsg(handle)))
        }
        return statement
    }

    /// Inserts `bodies` in transactions of 100; returns the seconds taken.
    func insert(_ bodies: [[UInt8]]) throws -> Double {
        // Ids are made before the clock starts: the baseline is the SQLite work alone.
        let ids = bodies.indices.map { String(format: "%016llx%016llx", UInt64.random(in: .min ... .max), UInt64($0)) }
        let start = ContinuousClock.now
        var index = 0
        while index < bodies.count {
            try exec("BEGIN")
            for body in bodies[index..<min(index + 100, bodies.count)] {
                sqlite3_bind_text(insertStatement, 1, ids[index], -1, Self.transient)
                sqlite3_bind_int64(insertStatement, 2, 1_700_000_000_000)
                body.withUnsafeBytes { raw in
                    _ = sqlite3_bind_blob(insertStatement, 3, raw.baseAddress, Int32(raw.count), Self.transient)
                }
                guard sqlite3_step(insertStatement) == SQLITE_DONE else {
                    throw QueuesBenchFailure.sqlite(String(cString: sqlite3_errmsg(handle)))
                }
                sqlite3_reset(insertStatement)
                index += 1
            }
            try exec("COMMIT")
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Selects 100 and deletes them in one transaction until the table is empty; returns the count.
    func drain() throws -> Int {
        var total = 0
        var seqs: [Int64] = []
        seqs.reserveCapacity(100)
        var checksum = 0
        while true {
            try exec("BEGIN")
            seqs.removeAll(keepingCapacity: true)
            while sqlite3_step(selectStatement) == SQLITE_ROW {
                seqs.append(sqlite3_column_int64(selectStatement, 0))
                let id = String(cString: sqlite3_column_text(selectStatement, 1))
                let bytes = Int(sqlite3_column_bytes(selectStatement, 3))
                let body = [UInt8](UnsafeRawBufferPointer(start: sqlite3_column_blob(selectStatement, 3), count: bytes))
                checksum &+= id.utf8.count &+ body.count
            }
            sqlite3_reset(selectStatement)
            for seq in seqs {
                sqlite3_bind_int64(deleteStatement, 1, seq)
                guard sqlite3_step(deleteStatement) == SQLITE_DONE else {
                    throw QueuesBenchFailure.sqlite(String(cString: sqlite3_errmsg(handle)))
                }
                sqlite3_reset(deleteStatement)
            }
            try exec("COMMIT")
            if seqs.isEmpty { break }
            total += seqs.count
        }
        precondition(checksum > 0 || total == 0)
        return total
    }
}
