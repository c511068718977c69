import Foundation
import GRDB

/// A blob that holds (part of) an object, with how it is stored: one for a single upload, one per
/// part for a multipart object. Blobs Miniflare wrote have no `_sf_blobs` row: they are identity.
struct StoredSegment: Sendable {
    var blobID: String
    var encoding: BlobEncoding
    var size: Int
    /// The stored bytes of an inline blob (`nil`: the blob is a file).
    var inline: Data?

    /// The segments of `row`: its single blob, stored as `single` says, or its multipart parts.
    static func fetch(_ db: Database, for row: ObjectRow, single: BlobStorage) throws -> [StoredSegment] {
        if let blob = row.blobID {
            return [StoredSegment(blobID: blob, encoding: single.encoding, size: row.size, inline: single.inline)]
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT p.blob_id, p.size, b.encoding, b.inline_data FROM _mf_multipart_parts p
                LEFT JOIN _sf_blobs b ON b.blob_id = p.blob_id
                WHERE p.object_key = CAST(? AS TEXT) ORDER BY p.part_number
                """,
            arguments: [R2Index.arg(row.key)]
        ).map { part in
            let encoding: Int? = part["encoding"]
            return StoredSegment(
                blobID: part["blob_id"], encoding: BlobEncoding(rawValue: encoding ?? 0) ?? .identity,
                size: part["size"], inline: part["inline_data"])
        }
    }

    /// Records a new blob.
    static func record(_ db: Database, _ blob: WrittenBlob) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO _sf_blobs (blob_id, encoding, stored_size, logical_size, inline_data)
                VALUES (?, ?, ?, ?, ?)
                """
        ).execute(arguments: [blob.id, blob.encoding.rawValue, blob.storedSize, blob.logicalSize, blob.inline])
    }

    /// When `key`'s current object is a single inline blob, rewrites that blob's row with `blob`'s
    /// bytes and returns its id; `nil` otherwise (no object, a file, a multipart object).
    ///
    /// Overwriting in place touches about half the pages of deleting one row and inserting
    /// another (whose overflow pages must be freed and allocated again): half the commit of a small
    /// put that replaces a small object, the Building-Vitals cache's common case. Readers see the
    /// old row or the new one: a `get` reads row and bytes in one statement.
    static func overwriteInline(_ db: Database, key: String, with blob: WrittenBlob) throws -> String? {
        let current = try db.cachedStatement(sql: "SELECT blob_id FROM _mf_objects WHERE key = CAST(? AS TEXT)")
        guard let id = try String.fetchOne(current, arguments: [R2Index.arg(key)]) else { return nil }
        let update = try db.cachedStatement(
            sql: """
                UPDATE _sf_blobs SET encoding = ?, stored_size = ?, logical_size = ?, inline_data = ?
                WHERE blob_id = ? AND inline_data IS NOT NULL RETURNING blob_id
                """)
        return try String.fetchOne(
            update, arguments: [blob.encoding.rawValue, blob.storedSize, blob.logicalSize, blob.inline, id])
    }

    /// Forgets blobs about to be removed; returns those that are files (inline blobs go with their
    /// row; a blob without a row is a file Miniflare wrote).
    @discardableResult
    static func forget(_ db: Database, blobs: [String]) throws -> [String] {
        var files: [String] = []
        for blob in blobs {
            // `typeof`, not `inline_data IS NOT NULL`: SQLite 3.40 evaluates IS [NOT] NULL wrongly in
            // the RETURNING clause of a WITHOUT ROWID table (both give 1 for a NULL blob there).
            let statement = try db.cachedStatement(
                sql: "DELETE FROM _sf_blobs WHERE blob_id = ? RETURNING typeof(inline_data)")
            if try String.fetchOne(statement, arguments: [blob]) != "blob" { files.append(blob) }
        }
        return files
    }
}

/// How a single blob is stored, as read with its object's row.
struct BlobStorage: Sendable {
    var encoding: BlobEncoding
    var inline: Data?
}
