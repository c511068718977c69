import FlareWorkerAPI
import Foundation
import GRDBSQLite

/// Thrown on the reader connection when a call turns out to write: the call is redone on the writer.
struct NeedsWriter: Error {}

/// Figures about the last statement of a query, for `meta`.
private struct LastStatementFigures {
    var readOnly = true
    var changes: Int64 = 0
    var rowsReturned = 0
    var fullScanSteps = 0
}

extension SQLiteConnection {
    /// D1's message when a statement before the last one has parameters.
    static let multiStatementParameters =
        "When executing multiple SQL statements in a single call, only the last statement can have parameters."
    /// workerd's message when the bound values do not match the statement's parameters.
    static let wrongParameterCount = "Wrong number of parameter bindings for SQL query."
    /// workerd's message for SQL that holds no statement (only comments).
    static let noStatement = "SQL code did not contain a statement."

    /// Runs one D1 query (possibly several `;`-separated statements) inside the current transaction.
    /// - Parameters:
    ///   - query: the SQL and its parameters (for the last statement).
    ///   - onReader: refuse statements that write (throws ``NeedsWriter``).
    ///   - size: the database size before the query; updated after writes.
    /// - Throws: `SQLiteFailure` with D1's message, or ``NeedsWriter``.
    func run(_ query: D1Query, onReader: Bool, size: inout Int) throws -> D1Result {
        let start = ContinuousClock.now
        let totalBefore = sqlite3_total_changes64(handle)
        let rowIDBefore = sqlite3_last_insert_rowid(handle)
        var columns: [String] = []
        var rows: [[D1Value]] = []
        var figures = LastStatementFigures()

        if let stmt = cachedStatement(query.sql) {
            try guardReader(stmt, onReader: onReader)
            try runStatement(stmt, params: query.params, columns: &columns, rows: &rows, figures: &figures)
        } else {
            var sql = query.sql
            try sql.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                var offset = 0
                var count = 0
                while offset < bytes.count {
                    let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
                    let (prepared, consumed) = try prepareUser(rest, persistent: false)
                    offset += max(consumed, 1)
                    guard let stmt = prepared else { break }
                    count += 1
                    let isLast = SQLTrivia.isTrivia(
                        UnsafeRawBufferPointer(rebasing: bytes[min(offset, bytes.count)...]))
                    var keep = false
                    defer { if !keep { sqlite3_finalize(stmt) } }
                    try guardReader(stmt, onReader: onReader)
                    if isLast {
                        if count == 1 {
                            keep = true
                            cache(stmt, for: query.sql)
                        }
                        try runStatement(stmt, params: query.params, columns: &columns, rows: &rows, figures: &figures)
                    } else {
                        if sqlite3_bind_parameter_count(stmt) > 0 {
                            throw SQLiteFailure(message: Self.multiStatementParameters)
                        }
                        var ignoredColumns: [String] = []
                        var ignoredRows: [[D1Value]] = []
                        try runStatement(
                            stmt, params: [], columns: &ignoredColumns, rows: &ignoredRows, figures: &figures)
                    }
                }
                if count == 0 { throw SQLiteFailure(message: Self.noStatement) }
            }
        }

        let changes = Int(sqlite3_total_changes64(handle) - totalBefore)
        let rowID = sqlite3_last_insert_rowid(handle)
        let sizeBefore = size
        if !figures.readOnly || changes != 0 { size = try databaseSize() }
        let rowsRead: Int
        if figures.readOnly {
            rowsRead = max(figures.rowsReturned, figures.fullScanSteps)
        } else {
            rowsRead = max(Int(figures.changes), figures.fullScanSteps) + figures.rowsReturned
        }
        let elapsed = ContinuousClock.now - start
        let meta = D1Meta(
            servedBy: "miniflare.db",
            duration: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            changes: changes, lastRowID: rowID, changedDB: changes != 0 || rowID != rowIDBefore || size != sizeBefore,
            sizeAfter: size, rowsRead: rowsRead, rowsWritten: figures.readOnly ? 0 : Int(figures.changes)
        )
        return D1Result(columns: columns, rawRows: rows, meta: meta)
    }

    private func guardReader(_ stmt: OpaquePointer, onReader: Bool) throws {
        guard onReader else { return }
        if sqlite3_stmt_readonly(stmt) == 0 { throw NeedsWriter() }
        // PRAGMAs may change connection state: always on the writer.
        if let text = sqlite3_sql(stmt), SQLTrivia.startsWithKeyword(text, "PRAGMA") { throw NeedsWriter() }
    }

    /// Binds, steps to the end and collects rows of one statement; always leaves it reset.
    private func runStatement(
        _ stmt: OpaquePointer, params: [D1Value], columns: inout [String], rows: inout [[D1Value]],
        figures: inout LastStatementFigures
    ) throws {
        defer {
            sqlite3_reset(stmt)
            if !params.isEmpty { sqlite3_clear_bindings(stmt) }
        }
        guard Int(sqlite3_bind_parameter_count(stmt)) == params.count else {
            throw SQLiteFailure(message: Self.wrongParameterCount)
        }
        for (index, value) in params.enumerated() {
            let rc = bind(value, to: stmt, at: Int32(index + 1))
            guard rc == SQLITE_OK else { throw failure(rc) }
        }
        let before = sqlite3_total_changes64(handle)
        _ = sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1)
        let columnCount = sqlite3_column_count(stmt)
        columns.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        var rc = sqlite3_step(stmt)
        if columnCount > 0 {
            columns.reserveCapacity(Int(columnCount))
            for index in 0..<columnCount {
                columns.append(sqlite3_column_name(stmt, index).map { String(cString: $0) } ?? "")
            }
        }
        while rc == SQLITE_ROW {
            var row: [D1Value] = []
            row.reserveCapacity(Int(columnCount))
            for index in 0..<columnCount { row.append(value(stmt, index)) }
            rows.append(row)
            rc = sqlite3_step(stmt)
        }
        guard rc == SQLITE_DONE else { throw failure(rc) }
        figures.readOnly = sqlite3_stmt_readonly(stmt) != 0
        figures.changes = sqlite3_total_changes64(handle) - before
        figures.rowsReturned = rows.count
        figures.fullScanSteps = Int(sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1))
    }

    /// Binds one value (INTEGER, REAL, TEXT, BLOB or NULL).
    func bind(_ value: D1Value, to stmt: OpaquePointer, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(stmt, index)
        case .integer(let int):
            return sqlite3_bind_int64(stmt, index, int)
        case .real(let double):
            return sqlite3_bind_double(stmt, index, double)
        case .text(var text):
            return text.withUTF8 { buffer in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_text(stmt, index, "", 0, Self.transient)
                }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    sqlite3_bind_text64(
                        stmt, index, $0, sqlite3_uint64(buffer.count), Self.transient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let data):
            guard !data.isEmpty else { return sqlite3_bind_zeroblob(stmt, index, 0) }
            return data.withUnsafeBytes {
                sqlite3_bind_blob64(stmt, index, $0.baseAddress, sqlite3_uint64($0.count), Self.transient)
            }
        }
    }

    /// The value of a result column.
    func value(_ stmt: OpaquePointer, _ index: Int32) -> D1Value {
        switch sqlite3_column_type(stmt, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(stmt, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(stmt, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(stmt, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(stmt, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(stmt, index))
            guard count > 0, let blob = sqlite3_column_blob(stmt, index) else { return .blob(Data()) }
            return .blob(Data(bytes: blob, count: count))
        default:
            return .null
        }
    }
}
