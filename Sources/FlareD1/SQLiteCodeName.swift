import GRDBSQLite

/// SQLite result-code names (`SQLITE_CONSTRAINT_PRIMARYKEY`), as workerd prints them in D1 errors.
enum SQLiteCodeName {
    /// The name of a primary or extended result code.
    static func name(_ code: Int32) -> String {
        if let name = extended[code] { return name }
        if let name = primary[code & 0xff] { return name }
        return "SQLITE_UNKNOWN(\(code))"
    }

    private static let primary: [Int32: String] = [
        0: "SQLITE_OK", 1: "SQLITE_ERROR", 2: "SQLITE_INTERNAL", 3: "SQLITE_PERM", 4: "SQLITE_ABORT",
        5: "SQLITE_BUSY", 6: "SQLITE_LOCKED", 7: "SQLITE_NOMEM", 8: "SQLITE_READONLY", 9: "SQLITE_INTERRUPT",
        10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT", 12: "SQLITE_NOTFOUND", 13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN",
        15: "SQLITE_PROTOCOL", 16: "SQLITE_EMPTY", 17: "SQLITE_SCHEMA", 18: "SQLITE_TOOBIG", 19: "SQLITE_CONSTRAINT",
        20: "SQLITE_MISMATCH", 21: "SQLITE_MISUSE", 22: "SQLITE_NOLFS", 23: "SQLITE_AUTH", 24: "SQLITE_FORMAT",
        25: "SQLITE_RANGE", 26: "SQLITE_NOTADB", 27: "SQLITE_NOTICE", 28: "SQLITE_WARNING", 100: "SQLITE_ROW",
        101: "SQLITE_DONE",
    ]

    private static let extended: [Int32: String] = [
        // SQLITE_CONSTRAINT_*
        19 | (1 << 8): "SQLITE_CONSTRAINT_CHECK", 19 | (2 << 8): "SQLITE_CONSTRAINT_COMMITHOOK",
        19 | (3 << 8): "SQLITE_CONSTRAINT_FOREIGNKEY", 19 | (4 << 8): "SQLITE_CONSTRAINT_FUNCTION",
        19 | (5 << 8): "SQLITE_CONSTRAINT_NOTNULL", 19 | (6 << 8): "SQLITE_CONSTRAINT_PRIMARYKEY",
        19 | (7 << 8): "SQLITE_CONSTRAINT_TRIGGER", 19 | (8 << 8): "SQLITE_CONSTRAINT_UNIQUE",
        19 | (9 << 8): "SQLITE_CONSTRAINT_VTAB", 19 | (10 << 8): "SQLITE_CONSTRAINT_ROWID",
        19 | (11 << 8): "SQLITE_CONSTRAINT_PINNED", 19 | (12 << 8): "SQLITE_CONSTRAINT_DATATYPE",
        // Others that a D1 user can meet.
        1 | (1 << 8): "SQLITE_ERROR_MISSING_COLLSEQ", 1 | (2 << 8): "SQLITE_ERROR_RETRY",
        1 | (3 << 8): "SQLITE_ERROR_SNAPSHOT", 5 | (1 << 8): "SQLITE_BUSY_RECOVERY",
        5 | (2 << 8): "SQLITE_BUSY_SNAPSHOT", 5 | (3 << 8): "SQLITE_BUSY_TIMEOUT",
        6 | (1 << 8): "SQLITE_LOCKED_SHAREDCACHE",
        8 | (1 << 8): "SQLITE_READONLY_RECOVERY", 8 | (2 << 8): "SQLITE_READONLY_CANTLOCK",
        8 | (5 << 8): "SQLITE_READONLY_DBMOVED", 11 | (1 << 8): "SQLITE_CORRUPT_VTAB",
        4 | (2 << 8): "SQLITE_ABORT_ROLLBACK",
    ]
}
