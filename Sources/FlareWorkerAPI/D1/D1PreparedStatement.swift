import Foundation

/// A prepared statement: SQL plus bound values. `bind` returns a new statement.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/d1/worker-api/prepared-statements/>
public struct D1PreparedStatement: Sendable {
    /// The database the statement runs on.
    public let database: any D1Database
    /// The SQL.
    public let sql: String
    /// The bound values.
    public let params: [D1Value]

    /// Creates a statement; use ``D1Database/prepare(_:)``.
    public init(database: any D1Database, sql: String, params: [D1Value]) {
        self.database = database
        self.sql = sql
        self.params = params
    }

    /// The SQL and parameters.
    public var query: D1Query { D1Query(sql: sql, params: params) }

    /// A new statement with `values` bound positionally (replacing earlier bindings).
    public func bind(_ values: any D1ValueConvertible...) -> D1PreparedStatement {
        D1PreparedStatement(database: database, sql: sql, params: values.map(\.d1Value))
    }

    /// A new statement with `values` bound positionally.
    public func bind(values: [D1Value]) -> D1PreparedStatement {
        D1PreparedStatement(database: database, sql: sql, params: values)
    }

    /// A new statement binding dynamically typed values, as JavaScript's `bind(...)` does.
    /// - Throws: `D1Error` (`D1_TYPE_ERROR: Type '<type>' not supported for value '<value>'`) for a value
    ///   D1 cannot bind.
    public func bind(dynamic values: [(any Sendable)?]) throws -> D1PreparedStatement {
        D1PreparedStatement(database: database, sql: sql, params: try values.map(D1Value.init(dynamic:)))
    }

    /// All rows, with `meta`.
    /// - Throws: `D1Error`.
    public func all() async throws -> D1Result {
        try await single(.rowsAndColumns)
    }

    /// All rows decoded into `T` (columns by name).
    /// - Throws: `D1Error`, or `DecodingError` when a row does not have the shape of `T`.
    public func all<T: Decodable>(as type: T.Type) async throws -> [T] {
        try await all().decodeRows(as: T.self)
    }

    /// The first row, or `nil` when there is none.
    /// - Throws: `D1Error`.
    public func first() async throws -> D1Row? {
        try await all().rows.first
    }

    /// The first row decoded into `T`, or `nil` when there is none.
    /// - Throws: `D1Error` or `DecodingError`.
    public func first<T: Decodable>(as type: T.Type) async throws -> T? {
        try await first().map { try $0.decode(as: T.self) }
    }

    /// The value of `column` in the first row, or `nil` when there are no rows.
    /// - Throws: `D1Error` (`D1_COLUMN_NOTFOUND: Column not found (<column>)`) when the first row has
    ///   no such column.
    public func first(_ column: String) async throws -> D1Value? {
        guard let row = try await first() else { return nil }
        guard let value = row[column] else { throw D1Error.columnNotFound(column) }
        return value
    }

    /// The rows as arrays of values; with `columnNames`, the first element is the column names.
    /// - Throws: `D1Error`.
    public func raw(columnNames: Bool = false) async throws -> [[D1Value]] {
        let result = try await all()
        let header = columnNames ? [result.columns.map(D1Value.text)] : []
        return header + result.rawRows
    }

    /// Runs the statement (`resultsFormat=NONE`); locally, rows are still returned as Miniflare does.
    /// - Throws: `D1Error`.
    public func run() async throws -> D1Result {
        try await single(.none)
    }

    private func single(_ mode: D1ResultMode) async throws -> D1Result {
        let results = try await database.execute([query], mode: mode)
        guard let result = results.first else { throw D1Error(message: "D1_ERROR: No results returned") }
        return result
    }
}
