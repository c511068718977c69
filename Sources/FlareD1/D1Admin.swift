import FlareWorkerAPI
import Foundation
import Logging

/// Local D1 administration for `swiftflare d1 list|info`.
public enum D1Admin {
    /// One local database file.
    public struct FileInfo: Sendable, Hashable {
        /// The object id (the file name without `.sqlite`).
        public var objectID: String
        /// The size of the file and its WAL, in bytes.
        public var sizeBytes: Int
    }

    /// The database files under `persistRoot`.
    public static func list(persistRoot: URL) -> [FileInfo] {
        let directory = LocalD1Database.directory(persistRoot: persistRoot)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".sqlite") && $0 != "metadata.sqlite" }.sorted().map { name in
            let path = directory.appendingPathComponent(name).path
            return FileInfo(objectID: String(name.dropLast(7)), sizeBytes: size(path) + size(path + "-wal"))
        }
    }

    /// Size, tables and row counts of `database`.
    /// - Throws: `D1Error`.
    public static func info(_ database: LocalD1Database) async throws -> JSONValue {
        let tables = try await database.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                + "AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name"
        ).all()
        var counts: [String: JSONValue] = [:]
        for name in tables.rows.compactMap({ $0["name"]?.stringValue }) {
            let escaped = name.replacingOccurrences(of: "\"", with: "\"\"")
            let count = try await database.prepare("SELECT count(*) AS n FROM \"\(escaped)\"").first("n")
            counts[name] = .int(count?.int64Value ?? 0)
        }
        return .object([
            "uuid": .string(database.databaseID),
            "file": .string(database.fileURL.path),
            "file_size": .int(Int64(tables.meta.sizeAfter)),
            "num_tables": .int(Int64(counts.count)),
            "tables": .object(counts),
        ])
    }

    private static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
