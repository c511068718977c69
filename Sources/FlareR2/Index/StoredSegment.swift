import Foundation
import GRDB

/// A blob that holds (part of) an object, with how it is stored: one for a single upload, one per
/// part for a multipart object. Blobs Miniflare wrote have no `_sf_blobs` row: they are identity.
struct StoredSegment: Sendable {
    var blobID: String
    var encoding: BlobEncoding
    var size: Int

    static func fetch(_ db: Database, for row: ObjectRow, encoding: BlobEncoding? = nil) throws -> [StoredSegment] {
        if let blob = row.blobID, let encoding {
            return [StoredSegment(blobID: blob, encoding: encoding, size: row.size)]
        }
        if let blob = row.blobID {
            let encoding = try Int.fetchOne(
                db, sql: "SELECT encoding FROM _sf_blobs WHERE blob_id = ?", arguments: [blob])
            return [
                StoredSegment(
                    blobID: blob, encoding: BlobEncoding(rawValue: encoding ?? 0) ?? .identity, size: row.size)
            ]
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT p.blob_id, p.size, b.encoding FROM _mf_multipart_parts p
                LEFT JOIN _sf_blobs b ON b.blob_id = p.blob_id
                WHERE p.object_key = CAST(? AS TEXT) ORDER BY p.part_number
                """,
            arguments: [R2Index.arg(row.key)]
        ).map { part in
            let encoding: Int? = part["encoding"]
            return StoredSegment(
                blobID: part["blob_id"], encoding: BlobEncoding(rawValue: encoding ?? 0) ?? .identity,
                size: part["size"])
        }
    }

    /// Records a new blob.
    static func record(_ db: Database, _ blob: WrittenBlob) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO _sf_blobs (blob_id, encoding, stored_size, logical_size) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [blob.id, blob.encoding.rawValue, blob.storedSize, blob.logicalSize])
    }

    /// Forgets blobs about to be unlinked.
    static func forget(_ db: Database, blobs: [String]) throws {
        for blob in blobs {
            try db.cachedStatement(sql: "DELETE FROM _sf_blobs WHERE blob_id = ?").execute(arguments: [blob])
        }
    }
}
