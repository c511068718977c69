import FlareSQLiteSupport
import Foundation
import GRDB

extension ObjectRow {
    private static let getSQL = """
        SELECT CAST(o.key AS BLOB) AS key, o.blob_id, o.version, o.size, o.etag, o.uploaded, o.checksums,
            o.http_metadata, o.custom_metadata, b.encoding AS encoding, b.inline_data
        FROM _mf_objects o LEFT JOIN _sf_blobs b ON b.blob_id = o.blob_id
        WHERE o.key = CAST(? AS TEXT)
        """

    /// The row and how its single blob is stored (identity and not inline when `_sf_blobs` has no
    /// row for it, or for a multipart object): the `get` path's one query.
    ///
    /// It steps GRDB's cached statement through ``RawStatement`` and reads the columns in place,
    /// because building a GRDB `Row` (a copy of every column, the inline blob included) and its
    /// cursor cost about as much as the query itself on a 100 KB get.
    static func fetchWithStorage(_ db: Database, key: String) throws -> (ObjectRow, BlobStorage)? {
        let statement = try db.cachedStatement(sql: getSQL)
        // Left reset after every use; the key is rebound each time.
        defer { RawStatement.reset(statement) }
        RawStatement.bind(statement, 1, blob: Array(key.utf8))
        guard try RawStatement.step(statement, db) else { return nil }
        let row = ObjectRow(
            key: RawStatement.text(statement, 0),
            blobID: RawStatement.isNull(statement, 1) ? nil : RawStatement.text(statement, 1),
            version: RawStatement.text(statement, 2), size: Int(RawStatement.int64(statement, 3)),
            etag: RawStatement.text(statement, 4), uploaded: RawStatement.int64(statement, 5),
            checksums: RawStatement.text(statement, 6), httpMetadata: RawStatement.text(statement, 7),
            customMetadata: RawStatement.text(statement, 8))
        let encoding = RawStatement.isNull(statement, 9) ? 0 : Int(RawStatement.int64(statement, 9))
        let inline = RawStatement.isNull(statement, 10) ? nil : RawStatement.data(statement, 10)
        return (row, BlobStorage(encoding: BlobEncoding(rawValue: encoding) ?? .identity, inline: inline))
    }
}
