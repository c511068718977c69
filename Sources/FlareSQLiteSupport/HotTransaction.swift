import GRDB
import GRDBSQLite

/// Write transactions for hot paths: `BEGIN IMMEDIATE` and `COMMIT` run as cached statements.
///
/// GRDB's `write` parses and prepares its `BEGIN` and `COMMIT` again for every transaction; on a
/// queue delivering batches of 100 small messages that was a tenth of the broker's time. The
/// transaction takes the write lock at its start (so a writer in another process waits in the busy
/// handler rather than failing mid-transaction), and rolls back when `body` throws.
///
/// ```swift
/// try HotTransaction.write(queue) { db in
///     try RawStatement.run(try db.cachedStatement(sql: "DELETE FROM t WHERE id = 1"), db)
/// }
/// ```
public enum HotTransaction {
    /// Runs `body` in one transaction on `queue`'s connection, blocking the caller.
    /// - Throws: what `body` throws (after rolling back), or a `DatabaseError` from `BEGIN`/`COMMIT`.
    public static func write<T>(_ queue: DatabaseQueue, _ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            try RawStatement.run(try db.cachedStatement(sql: "BEGIN IMMEDIATE"), db)
            do {
                let result = try body(db)
                try RawStatement.run(try db.cachedStatement(sql: "COMMIT"), db)
                return result
            } catch {
                // A failed COMMIT can leave the transaction open (SQLITE_BUSY); never leave it so.
                if !db.isInsideTransaction { throw error }
                try? db.execute(sql: "ROLLBACK")
                throw error
            }
        }
    }
}
