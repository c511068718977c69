import FlareWorkerAPI
import Foundation
import GRDBSQLite

/// An SQLite failure, already formatted as workerd formats it (`<errmsg>[ at offset N]: SQLITE_CODE[ (extended: ...)]`),
/// or one of D1's own messages (`Wrong number of parameter bindings for SQL query.`).
struct SQLiteFailure: Error, Sendable {
    /// The message without the `D1_ERROR: ` prefix.
    var message: String

    /// The D1 error a worker sees.
    var d1Error: D1Error { D1Error(message: "D1_ERROR: \(message)", causeMessage: message) }
}

/// One SQLite connection with D1's limits, authorizer and a statement cache.
///
/// Confined to one serial queue (see ``ConnectionWorker``); never shared between threads.
final class SQLiteConnection {
    /// D1's message for `BEGIN`/`SAVEPOINT` (workerd `SqlStorage::allowTransactions`).
    static let transactionRefusal =
        "To execute a transaction, please use the state.storage.transaction() or state.storage.transactionSync() "
        + "APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements. The JavaScript API is safer because "
        + "it will automatically roll back on exceptions, and because it interacts correctly with Durable Objects' "
        + "automatic atomic write coalescing."

    /// `SQLITE_TRANSIENT`: SQLite copies bound text and blobs.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    let handle: OpaquePointer
    let authorizer = D1Authorizer()
    private var cache: [String: OpaquePointer] = [:]
    private var internalCache: [String: OpaquePointer] = [:]

    /// Opens (creating) the database at `path` with WAL, foreign keys and D1's limits.
    /// - Throws: `SQLiteFailure` when the file cannot be opened.
    init(path: String, readOnly: Bool) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteFailure(message: "\(message): \(SQLiteCodeName.name(rc))")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Never surface SQLITE_BUSY: wait for other writers (other processes, other instances) instead.
        sqlite3_busy_timeout(db, 600_000)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
        if readOnly { try execute("PRAGMA query_only=1") }
        // workerd's limits (`setupSecurity`).
        sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 100)
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100_000)
        sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 100)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 4 * 1024 * 1024)
        sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 127)
        sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50)
        sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 100)
        sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 5)
        sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 10)
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        authorizer.install(on: db)
    }

    deinit {
        for stmt in cache.values { sqlite3_finalize(stmt) }
        for stmt in internalCache.values { sqlite3_finalize(stmt) }
        sqlite3_close_v2(handle)
    }

    // MARK: Errors

    /// The current error of the connection, formatted as workerd does.
    func failure(_ rc: Int32) -> SQLiteFailure {
        if rc == SQLITE_AUTH, authorizer.refusedTransaction {
            return SQLiteFailure(message: Self.transactionRefusal)
        }
        var message = String(cString: sqlite3_errmsg(handle))
        let offset = sqlite3_error_offset(handle)
        if offset >= 0 { message += " at offset \(offset)" }
        let extended = sqlite3_extended_errcode(handle)
        let primary = rc & 0xff
        message += ": \(SQLiteCodeName.name(primary))"
        if extended != primary, extended & 0xff == primary {
            message += " (extended: \(SQLiteCodeName.name(extended)))"
        }
        return SQLiteFailure(message: message)
    }

    // MARK: Internal statements (not subject to D1's authorizer)

    /// Runs internal SQL (transaction control, pragmas) with the authorizer off.
    /// - Throws: `SQLiteFailure`.
    func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw failure(rc) }
    }

    /// A cached internal statement, reset and ready to step.
    /// - Throws: `SQLiteFailure`.
    func internalStatement(_ sql: String) throws -> OpaquePointer {
        if let stmt = internalCache[sql] {
            sqlite3_reset(stmt)
            return stmt
        }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw failure(rc) }
        internalCache[sql] = stmt
        return stmt
    }

    /// The first column of the first row of an internal query, as an integer.
    /// - Throws: `SQLiteFailure`.
    func integer(_ sql: String) throws -> Int64 {
        let stmt = try internalStatement(sql)
        defer { sqlite3_reset(stmt) }
        let rc = sqlite3_step(stmt)
        guard rc == SQLITE_ROW else {
            if rc == SQLITE_DONE { return 0 }
            throw failure(rc)
        }
        return sqlite3_column_int64(stmt, 0)
    }

    /// `page_count * page_size`: the `size_after` D1 reports.
    /// - Throws: `SQLiteFailure`.
    func databaseSize() throws -> Int {
        Int(try integer("PRAGMA page_count") * (try integer("PRAGMA page_size")))
    }

    // MARK: User statements

    /// A cached single-statement prepared statement for `sql`, or `nil` when not cached.
    func cachedStatement(_ sql: String) -> OpaquePointer? {
        cache[sql]
    }

    /// Keeps `stmt` for later calls with the same SQL (bounded: the cache is cleared when it grows large).
    func cache(_ stmt: OpaquePointer, for sql: String) {
        if cache.count >= 512 {
            for old in cache.values { sqlite3_finalize(old) }
            cache.removeAll(keepingCapacity: true)
        }
        cache[sql] = stmt
    }

    /// Prepares the first statement of `bytes` under D1's authorizer.
    /// - Returns: the statement (nil for only whitespace/comments) and how many bytes it consumed.
    /// - Throws: `SQLiteFailure` with D1's message.
    func prepareUser(_ bytes: UnsafeRawBufferPointer, persistent: Bool) throws -> (OpaquePointer?, Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return (nil, 0) }
        let start = base.assumingMemoryBound(to: CChar.self)
        var stmt: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        authorizer.begin()
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(handle, start, Int32(bytes.count), flags, &stmt, &tail)
        defer { authorizer.end() }
        guard rc == SQLITE_OK else {
            if let stmt { sqlite3_finalize(stmt) }
            throw failure(rc)
        }
        let consumed = tail.map { UnsafeRawPointer($0) - base } ?? bytes.count
        return (stmt, consumed)
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
