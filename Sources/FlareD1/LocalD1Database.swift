import FlareWorkerAPI
import Foundation
import GRDBSQLite
import Logging

/// A D1 database over a local SQLite file, with Cloudflare's (Miniflare's) semantics: one transaction per
/// call, exact error messages, D1's limits and authorizer, `meta` figures and session bookmarks.
///
/// ```swift
/// let db = try LocalD1Database(persistRoot: root, databaseID: "prices", logger: logger)
/// let rows = try await db.prepare("SELECT * FROM price_data WHERE symbol = ?").bind("BTC").all()
/// ```
///
/// The file lives at `<persistRoot>/v3/d1/miniflare-D1DatabaseObject/<objectId>.sqlite`, where wrangler keeps it,
/// in WAL mode. Reads run on a reader connection and never wait behind a long write; writes are serialised on one
/// writer connection per file in the process (and wait, never fail with `SQLITE_BUSY`, for other processes).
///
/// Cloudflare documentation: <https://developers.cloudflare.com/d1/worker-api/d1-database/>
public actor LocalD1Database: D1Database {
    /// The D1 database id (the Durable Object name).
    public nonisolated let databaseID: String
    /// The SQLite file.
    public nonisolated let fileURL: URL

    let connections: DatabaseConnections
    private let clock: any FlareClock
    private let logger: Logger
    /// SQL texts seen to write, which go straight to the writer.
    private var knownWrites: Set<String> = []

    /// Opens (creating when needed) the database `databaseID` under `persistRoot`.
    /// - Parameters:
    ///   - persistRoot: the persist root (`.wrangler/state` by default in the CLI).
    ///   - databaseID: the D1 id: `preview_database_id ?? database_id ?? binding` as wrangler does.
    ///   - clock: the clock (kept for parity with the other bindings; durations use the monotonic clock).
    ///   - logger: where to log.
    /// - Throws: `D1Error` when the file cannot be opened.
    public init(persistRoot: URL, databaseID: String, clock: any FlareClock = SystemClock(), logger: Logger) throws {
        self.databaseID = databaseID
        self.clock = clock
        self.logger = logger
        fileURL = Self.fileURL(persistRoot: persistRoot, databaseID: databaseID)
        do {
            try FileManager.default.createDirectory(
                at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            connections = try DatabaseConnections.shared(path: fileURL.path)
        } catch let failure as SQLiteFailure {
            throw failure.d1Error
        }
    }

    /// The folder holding every D1 file under `persistRoot` (`v3/d1/miniflare-D1DatabaseObject`).
    public static func directory(persistRoot: URL) -> URL {
        persistRoot.appendingPathComponent("v3/d1/miniflare-D1DatabaseObject", isDirectory: true)
    }

    /// The SQLite file of `databaseID` under `persistRoot`, as wrangler names it.
    public static func fileURL(persistRoot: URL, databaseID: String) -> URL {
        directory(persistRoot: persistRoot).appendingPathComponent(
            "\(D1ObjectID.objectID(forName: databaseID)).sqlite")
    }

    // MARK: D1Database

    /// Runs `queries` in one transaction and returns one result per query.
    /// - Throws: `D1Error` with D1's message (`D1_ERROR: ...`); nothing is committed then.
    public func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result] {
        try await executeWithBookmark(queries).results
    }

    /// Runs `queries` in one transaction and returns the results and the bookmark after the call.
    /// - Throws: `D1Error`.
    public func executeWithBookmark(_ queries: [D1Query]) async throws -> (results: [D1Result], bookmark: String) {
        let kept = queries.filter { !SQLTrivia.isDroppedByMiniflare($0.sql) }
        guard !kept.isEmpty else { throw D1Error(message: "D1_ERROR: No SQL statements detected.") }
        do {
            if !kept.contains(where: { knownWrites.contains($0.sql) }) {
                do {
                    return try await connections.reader.run { try Self.runRead(kept, on: $0) }
                } catch is NeedsWriter {
                    if knownWrites.count > 4096 { knownWrites.removeAll() }
                    for query in kept { knownWrites.insert(query.sql) }
                }
            }
            return try await connections.writer.run { try Self.runWrite(kept, on: $0) }
        } catch let failure as SQLiteFailure {
            throw failure.d1Error
        }
    }

    /// Runs SQL one line per query (`sql.trim().split("\n")`), in one transaction, as `db.exec`.
    /// - Throws: `D1Error` (`D1_EXEC_ERROR: Error in line 1: <first line>: <message>`).
    public func exec(_ sql: String) async throws -> D1ExecResult {
        let lines = sql.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        do {
            let results = try await execute(lines.map { D1Query(sql: $0) }, mode: .none)
            return D1ExecResult(count: results.count, duration: results.reduce(0) { $0 + $1.meta.duration })
        } catch let error as D1Error {
            let message = error.causeMessage ?? error.message
            let text = "Error in line 1: \(lines.first ?? ""): \(message)"
            throw D1Error(message: "D1_EXEC_ERROR: \(text)", causeMessage: text)
        }
    }

    /// The database as SQL text in D1's export format (§2.7); Miniflare has no such route, swiftflare does.
    /// - Throws: `D1Error`.
    public func dump() async throws -> Data {
        try await export(D1ExportOptions())
    }

    /// A session; bookmarks advance with each write (see ``LocalD1Session``).
    public nonisolated func withSession(_ constraintOrBookmark: String?) -> any D1DatabaseSession {
        LocalD1Session(database: self, constraintOrBookmark: constraintOrBookmark)
    }

    // MARK: Transactions

    private static func runRead(_ queries: [D1Query], on connection: SQLiteConnection) throws -> (
        results: [D1Result], bookmark: String
    ) {
        try connection.execute("BEGIN")
        do {
            var size = try connection.databaseSize()
            var results: [D1Result] = []
            results.reserveCapacity(queries.count)
            for query in queries { results.append(try connection.run(query, onReader: true, size: &size)) }
            let counter = try connection.integer("PRAGMA user_version")
            try connection.execute("COMMIT")
            return (results, bookmark(counter))
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private static func runWrite(_ queries: [D1Query], on connection: SQLiteConnection) throws -> (
        results: [D1Result], bookmark: String
    ) {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            var size = try connection.databaseSize()
            var results: [D1Result] = []
            results.reserveCapacity(queries.count)
            for query in queries { results.append(try connection.run(query, onReader: false, size: &size)) }
            var counter = try connection.integer("PRAGMA user_version")
            if results.contains(where: \.meta.changedDB) {
                // The bookmark counter lives in the header's user_version (D1 cannot read or write it).
                counter = counter >= Int64(Int32.max) ? 1 : counter + 1
                try connection.execute("PRAGMA user_version=\(counter)")
            }
            try connection.execute("COMMIT")
            return (results, bookmark(counter))
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The commit token Miniflare sends: `%08x-%08x-00000000-` and 32 zeros.
    static func bookmark(_ counter: Int64) -> String {
        let high = String(UInt32(truncatingIfNeeded: counter >> 32), radix: 16)
        let low = String(UInt32(truncatingIfNeeded: counter), radix: 16)
        let pad: (String) -> String = { String(repeating: "0", count: 8 - $0.count) + $0 }
        return "\(pad(high))-\(pad(low))-00000000-" + String(repeating: "0", count: 32)
    }
}
