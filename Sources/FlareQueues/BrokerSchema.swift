import GRDB

/// The broker database's tables (`<persistRoot>/v3/queues/broker.sqlite`).
///
/// - `queues`: one row per queue (created explicitly, or by its first send): `name`, a numeric
///   `id` naming its message table, and the persisted `paused` flag.
/// - `messages_<id>`: the messages of one queue, in send order (`seq`, the rowid). `visible_at_ms`
///   is 0 for a message due now, else when its delay (send or retry) elapses;
///   `failed_attempts + 1` is the `attempts` of its next delivery. A partial index covers the
///   delayed rows only, so the hot path (append, read the head, delete) touches a single b-tree,
///   like a plain FIFO table. Its `lease` column is legacy (version 2 marked held messages there)
///   and stays NULL.
/// - `messages_<id>_inflight`: the messages a consumer holds right now, `seq` and the batch's
///   `lease`. Marking a batch held is 100 tiny rows on one page, where rewriting each held
///   message's row dirtied every page of the batch a second time; the same transaction that
///   acknowledges a batch deletes its rows here.
/// - `consumers`: registered consumer settings (JSON) per queue, for inspection and the CLI.
enum BrokerSchema {
    static let version = 3

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS queues (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    created_ms INTEGER NOT NULL,
                    paused INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE IF NOT EXISTS consumers (
                    queue TEXT PRIMARY KEY,
                    worker TEXT,
                    settings TEXT NOT NULL
                );
                PRAGMA user_version = \(version);
                """)
    }

    static func table(id: Int64) -> String { "messages_\(id)" }

    /// The in-flight table of message table `table`.
    static func inflight(_ table: String) -> String { "\(table)_inflight" }

    /// A condition on a row of `table`: no consumer holds it.
    static func free(_ table: String) -> String { "seq NOT IN (SELECT seq FROM \(inflight(table)))" }

    /// A condition on a row of `table`: a consumer holds it.
    static func held(_ table: String) -> String { "seq IN (SELECT seq FROM \(inflight(table)))" }

    static func createTable(_ table: String, _ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS \(table) (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL,
                    timestamp_ms INTEGER NOT NULL,
                    content_type TEXT NOT NULL,
                    body BLOB NOT NULL,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    visible_at_ms INTEGER NOT NULL DEFAULT 0,
                    lease INTEGER,
                    last_error TEXT
                );
                CREATE INDEX IF NOT EXISTS \(table)_delayed ON \(table)(visible_at_ms) WHERE visible_at_ms > 0;
                CREATE TABLE IF NOT EXISTS \(inflight(table)) (
                    seq INTEGER PRIMARY KEY,
                    lease INTEGER NOT NULL
                );
                """)
    }

    /// The columns an insert binds per row, in order.
    static let insertColumns: Int32 = 6

    /// Inserts `rows` messages in one statement (parameters `insertColumns` per row, in order): a
    /// statement per row would pay SQLite's per-statement start and halt, a cursor open and a seek
    /// to the table's end for every message.
    static func insert(_ table: String, rows: Int) -> String {
        let row = "(?, ?, ?, ?, ?, ?)"
        return "INSERT INTO \(table) (id, timestamp_ms, content_type, body, failed_attempts, visible_at_ms) VALUES "
            + repeatElement(row, count: rows).joined(separator: ", ")
    }

    /// The first `?2` due messages of `table`; `skippingHeld` leaves out those a consumer holds (a
    /// probe per row, spared when the in-flight table is empty).
    static func selectReady(_ table: String, skippingHeld: Bool) -> String {
        """
        SELECT seq, id, timestamp_ms, content_type, body, failed_attempts, visible_at_ms FROM \(table)
        WHERE visible_at_ms <= ?1\(skippingHeld ? " AND \(free(table))" : "") ORDER BY seq LIMIT ?2
        """
    }

    /// Whether a consumer holds any message of `table`.
    static func anyHeld(_ table: String) -> String { "SELECT EXISTS (SELECT 1 FROM \(inflight(table)))" }

    /// The columns a lease binds per row: `seq`, `lease`.
    static let leaseColumns: Int32 = 2

    /// Marks `rows` selected messages held, in one statement (parameters: `seq` and `lease` per row).
    static func lease(_ table: String, rows: Int) -> String {
        "INSERT INTO \(inflight(table)) (seq, lease) VALUES "
            + repeatElement("(?, ?)", count: rows).joined(separator: ", ")
    }

    /// Deletes the messages of `seq` range [?1, ?2], when the batch is exactly that range.
    static func deleteRange(_ table: String) -> String { "DELETE FROM \(table) WHERE seq BETWEEN ?1 AND ?2" }

    /// Ends a batch's lease: whatever of it is left is free again.
    static func release(_ table: String) -> String {
        "DELETE FROM \(inflight(table)) WHERE seq BETWEEN ?2 AND ?3 AND lease = ?1"
    }

    static func delete(_ table: String) -> String { "DELETE FROM \(table) WHERE seq = ?1" }

    static func retry(_ table: String) -> String {
        """
        UPDATE \(table) SET failed_attempts = ?2, visible_at_ms = ?3, last_error = ?4 WHERE seq = ?1
        """
    }

    /// Copies one message into another queue's table (same id and timestamp, attempts reset).
    static func moveOne(from source: String, to target: String) -> String {
        """
        INSERT INTO \(target) (id, timestamp_ms, content_type, body, failed_attempts, visible_at_ms, last_error)
        SELECT id, timestamp_ms, content_type, body, 0, 0, ?2 FROM \(source) WHERE seq = ?1
        """
    }

    static func nextVisible(_ table: String) -> String {
        "SELECT min(visible_at_ms) FROM \(table) WHERE visible_at_ms > 0 AND visible_at_ms > ?1"
    }
}
