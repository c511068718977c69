import Crypto
import FlareSQLiteSupport
import Foundation
import GRDB

/// The bucket's SQLite index, with Miniflare's tables (§3.7) plus `_sf_blobs`, which records how
/// each of our blobs is stored, and holds the bytes of small (inline) blobs. Keys are bound as `CAST(? AS TEXT)` from their UTF-8 bytes and read
/// back as `CAST(key AS BLOB)`, so keys with NUL survive (plain text binding would cut them).
final class R2Index: Sendable {
    let queue: DatabaseQueue
    /// Checkpoints the WAL on a utility queue instead of inside a put's commit.
    private let checkpointer: BackgroundCheckpointer

    static let schema = """
        CREATE TABLE IF NOT EXISTS _mf_objects (
            key TEXT PRIMARY KEY,
            blob_id TEXT,
            version TEXT NOT NULL,
            size INTEGER NOT NULL,
            etag TEXT NOT NULL,
            uploaded INTEGER NOT NULL,
            checksums TEXT NOT NULL,
            http_metadata TEXT NOT NULL,
            custom_metadata TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS _mf_multipart_uploads (
            upload_id TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            http_metadata TEXT NOT NULL,
            custom_metadata TEXT NOT NULL,
            state TINYINT DEFAULT 0 NOT NULL
        );
        CREATE TABLE IF NOT EXISTS _mf_multipart_parts (
            upload_id TEXT NOT NULL REFERENCES _mf_multipart_uploads(upload_id),
            part_number INTEGER NOT NULL,
            blob_id TEXT NOT NULL,
            size INTEGER NOT NULL,
            etag TEXT NOT NULL,
            checksum_md5 TEXT NOT NULL,
            object_key TEXT REFERENCES _mf_objects(key) DEFERRABLE INITIALLY DEFERRED,
            PRIMARY KEY (upload_id, part_number)
        );
        CREATE INDEX IF NOT EXISTS _mf_multipart_parts_object_key ON _mf_multipart_parts(object_key);
        CREATE TABLE IF NOT EXISTS _sf_blobs (
            blob_id TEXT PRIMARY KEY,
            encoding INTEGER NOT NULL,
            stored_size INTEGER NOT NULL,
            logical_size INTEGER NOT NULL,
            inline_data BLOB
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS _sf_bucket (
            id INTEGER PRIMARY KEY CHECK (id = 0),
            name TEXT NOT NULL,
            created INTEGER NOT NULL
        );
        """

    /// Opens (creating) the index at `path`, recording the bucket's name and creation time.
    init(path: String, bucketName: String, nowMilliseconds: Int64) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA case_sensitive_like = TRUE")
            // Debian's SQLite zeroes deleted content (SECURE_DELETE): on every overwrite that is a
            // replaced inline blob's pages written again, about a tenth of a small put.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        try queue.write { db in
            try db.execute(sql: Self.schema)
            // Indexes written before blobs could be inline lack the column.
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(_sf_blobs)").map { $0["name"] as String }
            if !columns.contains("inline_data") {
                try db.execute(sql: "ALTER TABLE _sf_blobs ADD COLUMN inline_data BLOB")
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO _sf_bucket (id, name, created) VALUES (0, ?, ?)",
                arguments: [bucketName, nowMilliseconds])
        }
        checkpointer = try BackgroundCheckpointer(queue, label: "swiftflare.r2.checkpoint")
    }

    /// The file name Miniflare gives a Durable Object's SQLite file: workerd's `idFromName`
    /// (`key = SHA256(uniqueKey)`, `a = HMAC(key, name)[0..<16]`, `b = HMAC(key, a)[0..<16]`).
    static func objectID(uniqueKey: String, name: String) -> String {
        let key = SymmetricKey(data: SHA256.hash(data: Data(uniqueKey.utf8)))
        let a = Array(HMAC<SHA256>.authenticationCode(for: Data(name.utf8), using: key)).prefix(16)
        let b = Array(HMAC<SHA256>.authenticationCode(for: Data(a), using: key)).prefix(16)
        return Hex.encode(Array(a) + Array(b))
    }

    /// Runs `body` in a read transaction, blocking the caller (a sync wrapper, so that async
    /// callers do not hop to GRDB's queue for a few microseconds of work).
    func read<T>(_ body: (Database) throws -> T) throws -> T { try queue.read(body) }

    /// Runs `body` without a transaction: for reads whose first statement decides everything
    /// (`head`, `get`), sparing `read`'s BEGIN/COMMIT and `query_only` pragmas on the hot path.
    /// Writers in this process are serialised by the bucket actor.
    func readStatement<T>(_ body: (Database) throws -> T) throws -> T { try queue.inDatabase(body) }

    /// Runs `body` in a write transaction, blocking the caller.
    func write<T>(_ body: (Database) throws -> T) throws -> T { try queue.write(body) }

    /// A key as a statement argument (bind with `CAST(? AS TEXT)`).
    static func arg(_ key: String) -> Data { Data(key.utf8) }

    /// A key read back from `CAST(key AS BLOB)`.
    static func key(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        case .string(let string): return string
        default: return ""
        }
    }
}
