import FlareWorkerAPI
import Foundation

extension LocalD1Database {
    /// The database as SQL (D1's export format, statements joined by `\n`), from a consistent snapshot.
    /// - Throws: `D1Error`.
    public func export(_ options: D1ExportOptions) async throws -> Data {
        do {
            return try await connections.reader.run { connection in
                var data = Data()
                try Self.inReadTransaction(connection) {
                    try connection.dumpStatements(options) { statement in
                        if !data.isEmpty { data.append(0x0a) }
                        data.append(contentsOf: statement.utf8)
                    }
                }
                return data
            }
        } catch let failure as SQLiteFailure {
            throw D1Error(message: failure.message, causeMessage: failure.message)
        }
    }

    /// Streams the export to `url` (as `wrangler d1 export --output`), with bounded memory.
    /// - Throws: `D1Error`, or a file-system error.
    public func export(_ options: D1ExportOptions, to url: URL) async throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        do {
            try await connections.reader.run { connection in
                var buffer = Data()
                var first = true
                try Self.inReadTransaction(connection) {
                    try connection.dumpStatements(options) { statement in
                        if !first { buffer.append(0x0a) }
                        first = false
                        buffer.append(contentsOf: statement.utf8)
                        if buffer.count >= 1 << 20 {
                            try handle.write(contentsOf: buffer)
                            buffer.removeAll(keepingCapacity: true)
                        }
                    }
                }
                try handle.write(contentsOf: buffer)
            }
        } catch let failure as SQLiteFailure {
            throw D1Error(message: failure.message, causeMessage: failure.message)
        }
    }

    static func inReadTransaction(_ connection: SQLiteConnection, _ body: () throws -> Void) throws {
        try connection.execute("BEGIN")
        do {
            try body()
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
