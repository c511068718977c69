import FlareWorkerAPI
import Foundation

/// wrangler's D1 migrations: numbered `.sql` files in `migrations_dir`, applied once each and recorded in the
/// `d1_migrations` table exactly as wrangler keeps it.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/d1/reference/migrations/>
public struct D1Migrations: Sendable {
    /// The migrations folder.
    public var directory: URL
    /// The table recording applied migrations (`migrations_table`).
    public var table: String

    /// Creates a migrations view of `directory`.
    public init(directory: URL, table: String = "d1_migrations") {
        self.directory = directory
        self.table = table
    }

    /// The migration files (names relative to the folder), in wrangler's order: by leading number, then by name.
    /// - Throws: `D1Error` (`No migrations present at <dir>.`) when the folder is missing.
    public func files() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            let text = "No migrations present at \(directory.path)."
            throw D1Error(message: text, causeMessage: text)
        }
        return names.filter { $0.hasSuffix(".sql") }.sorted { left, right in
            switch (Self.number(left), Self.number(right)) {
            case (let l?, let r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return left < right
            }
        }
    }

    /// Creates `<NNNN>_<message>.sql` (NNNN one above the highest existing number) and returns its URL.
    /// - Throws: `D1Error` for a message with `/` or `\`, or a file-system error.
    public func create(message: String, now: Date) throws -> URL {
        guard !message.contains("/"), !message.contains("\\") else {
            let text = "The migration message cannot contain \"/\" or \"\\\"."
            throw D1Error(message: text, causeMessage: text)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let next = ((try? files()) ?? []).compactMap(Self.number).max().map { $0 + 1 } ?? 1
        let number = String(repeating: "0", count: max(0, 4 - String(next).count)) + String(next)
        let url = directory.appendingPathComponent("\(number)_\(message.replacingOccurrences(of: " ", with: "_")).sql")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        try Data("-- Migration number: \(number) \t \(formatter.string(from: now))\n".utf8).write(to: url)
        return url
    }

    /// The names already applied to `database`, in id order (creating the table when missing).
    /// - Throws: `D1Error`.
    public func applied(on database: LocalD1Database) async throws -> [String] {
        _ = try await database.importSQL(createTableSQL)
        let rows = try await database.prepare("SELECT * FROM \"\(table)\" ORDER BY id").all()
        return rows.rows.compactMap { $0["name"]?.stringValue }
    }

    /// The migrations not applied yet.
    /// - Throws: `D1Error`.
    public func pending(on database: LocalD1Database) async throws -> [String] {
        let done = Set(try await applied(on: database))
        return try files().filter { !done.contains($0) }
    }

    /// Applies every pending migration, each atomically with its `d1_migrations` row; stops at the first failure.
    /// - Parameter progress: called with each name and whether it applied.
    /// - Returns: the names applied.
    /// - Throws: `D1Error` from the failing migration.
    @discardableResult
    public func apply(
        on database: LocalD1Database, progress: @Sendable (String, Bool) -> Void = { _, _ in }
    ) async throws -> [String] {
        var appliedNow: [String] = []
        for name in try await pending(on: database) {
            let body = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let escaped = name.replacingOccurrences(of: "'", with: "''")
            do {
                _ = try await database.importSQL(body + "\nINSERT INTO \"\(table)\" (name)\nvalues ('\(escaped)');")
                progress(name, true)
                appliedNow.append(name)
            } catch {
                progress(name, false)
                throw error
            }
        }
        return appliedNow
    }

    var createTableSQL: String {
        "CREATE TABLE IF NOT EXISTS \"\(table)\"(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, "
            + "applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);"
    }

    static func number(_ name: String) -> Int? {
        Int(name.prefix { $0.isASCII && $0.isNumber })
    }
}
