import Foundation
import GRDB
import GRDBSQLite

/// Thin helpers over the C API for hot paths (the queue broker's sends and deliveries, R2's `get`):
/// GRDB's cached statements, bound, stepped and read directly, without `StatementArguments`
/// boxing or a `Row` copy per row.
public enum RawStatement {
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds an integer.
    public static func bind(_ statement: Statement, _ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    /// Binds an integer or NULL.
    public static func bind(_ statement: Statement, _ index: Int32, _ value: Int64?) {
        if let value {
            sqlite3_bind_int64(statement.sqliteStatement, index, value)
        } else {
            sqlite3_bind_null(statement.sqliteStatement, index)
        }
    }

    /// Binds text or NULL.
    public static func bind(_ statement: Statement, _ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        var copy = text
        copy.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement.sqliteStatement, index, chars.baseAddress, Int32(chars.count), transient)
            }
        }
    }

    /// Binds text in place: `bytes` must stay valid until the statement is reset or rebound.
    public static func bind(_ statement: Statement, _ index: Int32, staticText bytes: UnsafeRawBufferPointer) {
        sqlite3_bind_text(
            statement.sqliteStatement, index,
            bytes.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer(bitPattern: 1),
            Int32(bytes.count), nil)
    }

    /// Binds the text of a static string in place.
    public static func bind(_ statement: Statement, _ index: Int32, staticText text: StaticString) {
        bind(statement, index, staticText: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Binds a blob in place: `bytes` must stay valid until the statement is reset or rebound.
    public static func bind(_ statement: Statement, _ index: Int32, staticBlob bytes: UnsafeRawBufferPointer) {
        sqlite3_bind_blob(
            statement.sqliteStatement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
            Int32(bytes.count), nil)
    }

    /// Binds a blob.
    public static func bind(_ statement: Statement, _ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(
                statement.sqliteStatement, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                Int32(raw.count), transient)
        }
    }

    /// Steps once: `true` for a row, `false` when done.
    public static func step(_ statement: Statement, _ db: Database) throws -> Bool {
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        sqlite3_reset(statement.sqliteStatement)
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }

    /// Runs a statement that returns no rows, then resets it.
    public static func run(_ statement: Statement, _ db: Database) throws {
        defer { sqlite3_reset(statement.sqliteStatement) }
        _ = try step(statement, db)
    }

    /// Resets the statement (its bindings stay).
    public static func reset(_ statement: Statement) {
        sqlite3_reset(statement.sqliteStatement)
    }

    /// An integer column of the current row.
    public static func int64(_ statement: Statement, _ column: Int32) -> Int64 {
        sqlite3_column_int64(statement.sqliteStatement, column)
    }

    /// Whether a column of the current row is NULL.
    public static func isNull(_ statement: Statement, _ column: Int32) -> Bool {
        sqlite3_column_type(statement.sqliteStatement, column) == SQLITE_NULL
    }

    /// A text column of the current row (its bytes as UTF-8, NULs included).
    public static func text(_ statement: Statement, _ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement.sqliteStatement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.sqliteStatement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// A blob column of the current row, copied.
    public static func blob(_ statement: Statement, _ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.sqliteStatement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement.sqliteStatement, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// A blob column of the current row, copied into `Data`.
    public static func data(_ statement: Statement, _ column: Int32) -> Data {
        let count = Int(sqlite3_column_bytes(statement.sqliteStatement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement.sqliteStatement, column) else { return Data() }
        return Data(bytes: pointer, count: count)
    }
}
