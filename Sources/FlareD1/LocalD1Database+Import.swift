import FlareWorkerAPI
import Foundation
import GRDBSQLite

extension LocalD1Database {
    /// wrangler's message when a file holds more than the one `BEGIN TRANSACTION;`/`COMMIT;` wrapper.
    public static let severalTransactionsMessage =
        "Wrangler could not process the provided SQL file, as it contains several transactions.\n"
        + "D1 runs your SQL in a transaction for you.\nPlease export an SQL file from your SQLite database and try again."
    /// wrangler's message for a binary SQLite file given to `execute --file`.
    public static let binaryFileMessage =
        "Provided file is a binary SQLite database file instead of an SQL text file. The execute command can only "
        + "process SQL text files. Please export an SQL file from your SQLite database and try again."

    /// Runs an SQL file (a dump, a migration) as `wrangler d1 execute --file` does locally: every statement in one
    /// transaction (all or nothing), the first `BEGIN TRANSACTION;` and `COMMIT;` dropped, any other transaction
    /// refused. Streams the file: memory stays bounded and time is linear in its size.
    /// - Throws: `D1Error` (`causeMessage` is the bare message wrangler prints), or a file-system error.
    public func importSQL(contentsOf url: URL) async throws -> D1ImportResult {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            let text = "Unable to read SQL text file \"\(url.path)\". Please check the file path and try again."
            throw D1Error(message: text, causeMessage: text)
        }
        defer { try? handle.close() }
        do {
            return try await connections.writer.run { connection in
                try Self.importStream(connection) { try handle.read(upToCount: 4 << 20) }
            }
        } catch let failure as SQLiteFailure {
            throw failure.d1Error
        }
    }

    /// Runs SQL text as ``importSQL(contentsOf:)`` does.
    /// - Throws: `D1Error`.
    public func importSQL(_ sql: String) async throws -> D1ImportResult {
        let data = Data(sql.utf8)
        do {
            return try await connections.writer.run { connection in
                var given = false
                return try Self.importStream(connection) {
                    defer { given = true }
                    return given ? nil : data
                }
            }
        } catch let failure as SQLiteFailure {
            throw failure.d1Error
        }
    }

    private static func importStream(_ connection: SQLiteConnection, read: () throws -> Data?) throws
        -> D1ImportResult
    {
        let start = ContinuousClock.now
        var splitter = SQLStatementSplitter()
        var first = true
        var droppedBegin = false
        var droppedCommit = false
        var statements = 0
        var results: [D1Result] = []
        let totalBefore = sqlite3_total_changes64(connection.handle)
        try connection.execute("BEGIN IMMEDIATE")
        do {
            func run(_ statement: ArraySlice<UInt8>) throws {
                let trimmed = statement.withUnsafeBytes { bytes -> ArraySlice<UInt8> in
                    let head = SQLTrivia.skip(bytes, from: 0, semicolons: false)
                    var tail = bytes.count
                    while tail > head, SQLTrivia.isSpace(bytes[tail - 1]) { tail -= 1 }
                    return statement[(statement.startIndex + head)..<(statement.startIndex + tail)]
                }
                if !droppedBegin, trimmed.elementsEqual("BEGIN TRANSACTION;".utf8) {
                    droppedBegin = true
                    return
                }
                if !droppedCommit, trimmed.elementsEqual("COMMIT;".utf8) {
                    droppedCommit = true
                    return
                }
                if containsBeginTransaction(trimmed) {
                    throw SQLiteFailure(message: severalTransactionsMessage)
                }
                try statement.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let (prepared, consumed) = try connection.prepareUser(
                            UnsafeRawBufferPointer(rebasing: bytes[offset...]), persistent: false)
                        offset += max(consumed, 1)
                        guard let stmt = prepared else { break }
                        defer { sqlite3_finalize(stmt) }
                        statements += 1
                        try step(stmt, connection, &results)
                    }
                }
            }
            while let chunk = try read(), !chunk.isEmpty {
                if first {
                    first = false
                    if chunk.starts(with: Array("SQLite format 3".utf8)) {
                        throw SQLiteFailure(message: binaryFileMessage)
                    }
                }
                splitter.append(chunk)
                while let statement = splitter.next() { try run(statement) }
            }
            if let rest = splitter.finish() { try run(rest) }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        let elapsed = ContinuousClock.now - start
        return D1ImportResult(
            statements: statements, changes: Int(sqlite3_total_changes64(connection.handle) - totalBefore),
            duration: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            results: results)
    }

    private static func step(_ stmt: OpaquePointer, _ connection: SQLiteConnection, _ results: inout [D1Result])
        throws
    {
        let count = sqlite3_column_count(stmt)
        var rows: [[D1Value]] = []
        var rc = sqlite3_step(stmt)
        while rc == SQLITE_ROW {
            if results.count < D1ImportResult.maxKeptResults {
                rows.append((0..<count).map { connection.value(stmt, $0) })
            }
            rc = sqlite3_step(stmt)
        }
        guard rc == SQLITE_DONE else { throw connection.failure(rc) }
        if count > 0, results.count < D1ImportResult.maxKeptResults {
            let columns = (0..<count).map { String(cString: sqlite3_column_name(stmt, $0)) }
            results.append(D1Result(columns: columns, rawRows: rows, meta: D1Meta(servedBy: "miniflare.db")))
        }
    }

    private static func containsBeginTransaction(_ bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array("BEGIN TRANSACTION".utf8)
        guard bytes.count >= needle.count else { return false }
        var index = bytes.startIndex
        while index + needle.count <= bytes.endIndex {
            if bytes[index] | 0x20 == 0x62 {
                var matched = true
                for offset in 0..<needle.count {
                    let byte = bytes[index + offset]
                    let upper = byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte
                    if upper != needle[offset] {
                        matched = false
                        break
                    }
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
