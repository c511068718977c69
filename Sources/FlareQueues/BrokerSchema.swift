import GRDB

/// The broker database's tables (`<persistRoot>/v3/queues/broker.sqlite`).
///
/// - `messages`: one row per message held, across all queues. `seq` (the rowid) orders sends;
///   `visible_at_ms` is when a delay (send or retry) elapses; `lease` is non-NULL while a consumer
///   holds the message; `failed_attempts + 1` is the `attempts` of the next delivery.
/// - `queues`: queues created explicitly, and the persisted `paused` flag.
/// - `consumers`: registered consumer settings (JSON) per queue, for inspection and the CLI.
enum BrokerSchema {
    static let version = 1

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS messages (
                    seq INTEGER PRIMARY KEY,
                    queue TEXT NOT NULL,
                    id TEXT NOT NULL,
                    timestamp_ms INTEGER NOT NULL,
                    content_type TEXT NOT NULL,
                    body BLOB NOT NULL,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    visible_at_ms INTEGER NOT NULL,
                    lease INTEGER,
                    last_error TEXT
                );
                CREATE INDEX IF NOT EXISTS messages_by_availability ON messages(queue, visible_at_ms);
                CREATE TABLE IF NOT EXISTS queues (
                    name TEXT PRIMARY KEY,
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

    static let insert = """
        INSERT INTO messages (queue, id, timestamp_ms, content_type, body, failed_attempts, visible_at_ms)
        VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)
        """
    static let selectReady = """
        SELECT seq, id, timestamp_ms, content_type, body, failed_attempts FROM messages
        WHERE queue = ?1 AND visible_at_ms <= ?2 AND lease IS NULL
        ORDER BY visible_at_ms, seq LIMIT ?3
        """
    static let lease = "UPDATE messages SET lease = ?1 WHERE seq = ?2"
    static let delete = "DELETE FROM messages WHERE seq = ?1"
    static let retry = """
        UPDATE messages SET lease = NULL, failed_attempts = ?2, visible_at_ms = ?3, last_error = ?4 WHERE seq = ?1
        """
    static let deadLetter = """
        UPDATE messages SET lease = NULL, queue = ?2, failed_attempts = 0, visible_at_ms = ?3, last_error = ?4
        WHERE seq = ?1
        """
    static let nextVisible = "SELECT min(visible_at_ms) FROM messages WHERE queue = ?1 AND visible_at_ms > ?2"
}
