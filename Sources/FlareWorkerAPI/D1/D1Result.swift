import Foundation

/// The result of one D1 statement: `{success, meta, results}`.
public struct D1Result: Sendable, Hashable {
    /// Always `true` for a returned result (failures throw).
    public var success: Bool
    /// The column names, in order (duplicates kept).
    public var columns: [String]
    /// The rows as values, in column order.
    public var rawRows: [[D1Value]]
    /// Execution figures.
    public var meta: D1Meta

    /// Creates a result.
    public init(success: Bool = true, columns: [String], rawRows: [[D1Value]], meta: D1Meta) {
        self.success = success
        self.columns = columns
        self.rawRows = rawRows
        self.meta = meta
    }

    /// The rows with their column names.
    public var rows: [D1Row] {
        rawRows.map { D1Row(columns: columns, values: $0) }
    }

    /// The rows decoded into `T`.
    /// - Throws: `DecodingError` when a row does not fit `T`.
    public func decodeRows<T: Decodable>(as type: T.Type = T.self) throws -> [T] {
        try rows.map { try $0.decode(as: T.self) }
    }

    /// `{success, meta, results}` as D1 returns it over JSON (rows as objects).
    public var jsonValue: JSONValue {
        .object([
            "success": .bool(success),
            "meta": meta.jsonValue,
            "results": .array(rows.map(\.jsonValue)),
        ])
    }
}

/// `meta` of a D1 result.
public struct D1Meta: Sendable, Hashable {
    /// Always `"miniflare"` locally, as Cloudflare's emulator reports.
    public var servedBy: String
    /// Milliseconds spent executing.
    public var duration: Double
    /// Rows changed by the statement (`sqlite3_changes`).
    public var changes: Int
    /// The last inserted rowid.
    public var lastRowID: Int64
    /// Whether the statement wrote to the database.
    public var changedDB: Bool
    /// The database file size in bytes after the statement.
    public var sizeAfter: Int
    /// Rows read.
    public var rowsRead: Int
    /// Rows written.
    public var rowsWritten: Int

    /// Creates meta figures.
    public init(
        servedBy: String = "miniflare", duration: Double = 0, changes: Int = 0, lastRowID: Int64 = 0,
        changedDB: Bool = false, sizeAfter: Int = 0, rowsRead: Int = 0, rowsWritten: Int = 0
    ) {
        self.servedBy = servedBy
        self.duration = duration
        self.changes = changes
        self.lastRowID = lastRowID
        self.changedDB = changedDB
        self.sizeAfter = sizeAfter
        self.rowsRead = rowsRead
        self.rowsWritten = rowsWritten
    }

    /// The snake_case JSON D1 returns.
    public var jsonValue: JSONValue {
        .object([
            "served_by": .string(servedBy),
            "duration": .double(duration),
            "changes": .int(Int64(changes)),
            "last_row_id": .int(lastRowID),
            "changed_db": .bool(changedDB),
            "size_after": .int(Int64(sizeAfter)),
            "rows_read": .int(Int64(rowsRead)),
            "rows_written": .int(Int64(rowsWritten)),
        ])
    }
}

/// The result of `db.exec`.
public struct D1ExecResult: Sendable, Hashable {
    /// The number of statements run.
    public var count: Int
    /// Total milliseconds.
    public var duration: Double

    /// Creates an exec result.
    public init(count: Int, duration: Double) {
        self.count = count
        self.duration = duration
    }
}
