import Foundation

/// A D1 database binding (`[[d1_databases]]`).
///
/// ```swift
/// let db = try env.d1("DB")
/// let stmt = db.prepare("INSERT OR IGNORE INTO price_data (symbol, timestamp) VALUES (?, ?)")
/// let results = try await db.batch(points.map { try stmt.bind($0.symbol, $0.timestamp) })
/// ```
///
/// Cloudflare documentation: <https://developers.cloudflare.com/d1/worker-api/d1-database/>
public protocol D1Database: Sendable {
    /// Runs `queries` in one transaction (all or nothing) and returns one result per query.
    /// Prepared statements and `batch` go through here.
    /// - Parameters:
    ///   - queries: SQL with bound parameters.
    ///   - mode: `.rowsAndColumns` for `first`/`all`/`raw`/`batch`, `.none` for `run`.
    /// - Throws: `D1Error` with D1's exact message; nothing is committed then.
    func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result]

    /// Runs SQL without parameters, one statement per line, as `db.exec`.
    /// - Throws: `D1Error` (`D1_EXEC_ERROR: ...`).
    func exec(_ sql: String) async throws -> D1ExecResult

    /// The database as SQL text (deprecated in Workers, kept for compatibility).
    /// - Throws: `D1Error`.
    func dump() async throws -> Data

    /// A session honouring a constraint (`first-unconstrained`, `first-primary`) or a bookmark.
    func withSession(_ constraintOrBookmark: String?) -> any D1DatabaseSession
}

/// A D1 session: the same API as the database plus bookmarks.
public protocol D1DatabaseSession: Sendable {
    /// The database behind the session.
    var database: any D1Database { get }
    /// The latest bookmark seen, or `nil` before any query.
    func getBookmark() async -> String?
    /// Runs queries in the session (see ``D1Database/execute(_:mode:)``).
    /// - Throws: `D1Error`.
    func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result]
}

/// SQL text and its bound parameters.
public struct D1Query: Sendable, Hashable {
    /// The SQL.
    public var sql: String
    /// The bound parameters, positionally (`?`, `?NNN`).
    public var params: [D1Value]

    /// Creates a query.
    public init(sql: String, params: [D1Value] = []) {
        self.sql = sql
        self.params = params
    }
}

/// Which result format a call asks for (D1's `resultsFormat`).
public enum D1ResultMode: Sendable, Hashable {
    /// `ROWS_AND_COLUMNS`: `first`, `all`, `raw`, `batch`.
    case rowsAndColumns
    /// `NONE`: `run` (Miniflare still returns rows).
    case none
}

extension D1Database {
    /// Prepares `sql` for binding and running.
    public func prepare(_ sql: String) -> D1PreparedStatement {
        D1PreparedStatement(database: self, sql: sql, params: [])
    }

    /// Runs `statements` in one transaction: if any fails, none is applied.
    /// - Throws: `D1Error` from the first failing statement.
    public func batch(_ statements: [D1PreparedStatement]) async throws -> [D1Result] {
        try await execute(statements.map(\.query), mode: .rowsAndColumns)
    }
}

extension D1DatabaseSession {
    /// Prepares `sql` within this session.
    public func prepare(_ sql: String) -> D1PreparedStatement {
        D1PreparedStatement(database: SessionDatabase(session: self), sql: sql, params: [])
    }

    /// Runs `statements` in one transaction within this session.
    /// - Throws: `D1Error`.
    public func batch(_ statements: [D1PreparedStatement]) async throws -> [D1Result] {
        try await execute(statements.map(\.query), mode: .rowsAndColumns)
    }
}

/// Routes a session's prepared statements through the session.
private struct SessionDatabase: D1Database {
    let session: any D1DatabaseSession

    func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result] {
        try await session.execute(queries, mode: mode)
    }

    func exec(_ sql: String) async throws -> D1ExecResult {
        try await session.database.exec(sql)
    }

    func dump() async throws -> Data {
        try await session.database.dump()
    }

    func withSession(_ constraintOrBookmark: String?) -> any D1DatabaseSession {
        session.database.withSession(constraintOrBookmark)
    }
}
