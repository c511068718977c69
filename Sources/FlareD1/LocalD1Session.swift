import FlareWorkerAPI

/// A D1 session (`db.withSession(...)`): queries go to the same database; `getBookmark()` returns the latest commit
/// token seen. Constraints and incoming bookmarks do not change where queries run locally, as in Miniflare.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/d1/worker-api/d1-database/#withsession>
public actor LocalD1Session: D1DatabaseSession {
    /// The database behind the session.
    public nonisolated let database: any D1Database
    private let local: LocalD1Database
    private var bookmark: String?

    /// Creates a session; `first-unconstrained`, `first-primary`, nil or empty start without a bookmark, anything
    /// else is taken as a bookmark.
    public init(database: LocalD1Database, constraintOrBookmark: String?) {
        self.database = database
        local = database
        switch constraintOrBookmark {
        case nil, "", "first-unconstrained", "first-primary": bookmark = nil
        case let given?: bookmark = given
        }
    }

    /// The latest bookmark, or `nil` before the first query of a constrained session.
    public func getBookmark() async -> String? { bookmark }

    /// Runs queries and advances the bookmark when the new one sorts later.
    /// - Throws: `D1Error`.
    public func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result] {
        let (results, token) = try await local.executeWithBookmark(queries)
        if bookmark.map({ token > $0 }) ?? true { bookmark = token }
        return results
    }
}
