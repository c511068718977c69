import Foundation
import GRDB
import GRDBSQLite

extension ObjectRow {
    private static let getSQL = """
        SELECT CAST(o.key AS BLOB) AS key, o.blob_id, o.version, o.size, o.etag, o.uploaded, o.checksums,
            o.http_metadata, o.custom_metadata, b.encoding AS encoding, b.inline_data
        FROM _mf_objects o LEFT JOIN _sf_blobs b ON b.blob_id = o.blob_id
        WHERE o.key = CAST(? AS TEXT)
        """

    /// `SQLITE_TRANSIENT`: SQLite copies the bound key.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// The row and, for a single-blob object, how its blob is stored: the `get` path's one query.
    ///
    /// It steps GRDB's cached statement through the SQLite C API and reads the columns in place,
    /// because building a GRDB `Row` (a copy of every column, the inline blob included) and its
    /// cursor cost about as much as the query itself on a 100 KB get.
    static func fetchWithStorage(_ db: Database, key: String) throws -> (ObjectRow, BlobStorage)? {
        let handle = try db.cachedStatement(sql: getSQL).sqliteStatement
        // Left reset after every use; the key is rebound each time.
        defer { sqlite3_reset(handle) }
        let bound =
            key.utf8.withContiguousStorageIfAvailable { bytes in
                sqlite3_bind_blob(
                    handle, 1, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(bytes.count), transient)
            }
            ?? Array(key.utf8).withUnsafeBufferPointer { bytes in
                sqlite3_bind_blob(
                    handle, 1, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(bytes.count), transient)
            }
        guard bound == SQLITE_OK else { throw failure(db, code: bound) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw failure(db, code: code) }
        let row = ObjectRow(
            key: text(handle, 0), blobID: sqlite3_column_type(handle, 1) == SQLITE_NULL ? nil : text(handle, 1),
            version: text(handle, 2), size: Int(sqlite3_column_int64(handle, 3)), etag: text(handle, 4),
            uploaded: sqlite3_column_int64(handle, 5), checksums: text(handle, 6), httpMetadata: text(handle, 7),
            customMetadata: text(handle, 8))
        let encoding = sqlite3_column_type(handle, 9) == SQLITE_NULL ? 0 : Int(sqlite3_column_int64(handle, 9))
        var inline: Data?
        if sqlite3_column_type(handle, 10) != SQLITE_NULL {
            let count = Int(sqlite3_column_bytes(handle, 10))
            inline = count == 0 ? Data() : Data(bytes: sqlite3_column_blob(handle, 10), count: count)
        }
        return (row, BlobStorage(encoding: BlobEncoding(rawValue: encoding) ?? .identity, inline: inline))
    }

    /// A text (or blob, for keys) column as a String; NUL bytes survive.
    private static func text(_ handle: OpaquePointer, _ column: Int32) -> String {
        guard let bytes = sqlite3_column_blob(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private static func failure(_ db: Database, code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
