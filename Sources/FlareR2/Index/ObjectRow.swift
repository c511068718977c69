import FlareWorkerAPI
import Foundation
import GRDB

/// One row of `_mf_objects`.
struct ObjectRow: Sendable {
    var key: String
    /// `nil` for a multipart object (its bytes are its parts).
    var blobID: String?
    var version: String
    var size: Int
    var etag: String
    var uploaded: Int64
    var checksums: String
    var httpMetadata: String
    var customMetadata: String

    static let columns =
        "CAST(key AS BLOB) AS key, blob_id, version, size, etag, uploaded, checksums, http_metadata, custom_metadata"

    init(
        key: String, blobID: String?, version: String, size: Int, etag: String, uploaded: Int64, checksums: String,
        httpMetadata: String, customMetadata: String
    ) {
        self.key = key
        self.blobID = blobID
        self.version = version
        self.size = size
        self.etag = etag
        self.uploaded = uploaded
        self.checksums = checksums
        self.httpMetadata = httpMetadata
        self.customMetadata = customMetadata
    }

    init(row: Row) {
        key = R2Index.key(row["key"])
        blobID = row["blob_id"]
        version = row["version"]
        size = row["size"]
        etag = row["etag"]
        uploaded = row["uploaded"]
        checksums = row["checksums"]
        httpMetadata = row["http_metadata"]
        customMetadata = row["custom_metadata"]
    }

    static func fetch(_ db: Database, key: String) throws -> ObjectRow? {
        try Row.fetchOne(
            db, sql: "SELECT \(columns) FROM _mf_objects WHERE key = CAST(? AS TEXT)", arguments: [R2Index.arg(key)]
        ).map(ObjectRow.init(row:))
    }

    func upsert(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO _mf_objects
                    (key, blob_id, version, size, etag, uploaded, checksums, http_metadata, custom_metadata)
                VALUES (CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                R2Index.arg(key), blobID, version, size, etag, uploaded, checksums, httpMetadata, customMetadata,
            ])
    }

    /// The object as the API reports it.
    func object(includeHTTP: Bool = true, includeCustom: Bool = true, range: R2Range? = nil) -> R2Object {
        R2Object(
            key: key, version: version, size: size, etag: etag,
            uploaded: Date(timeIntervalSince1970: Double(uploaded) / 1000),
            httpMetadata: includeHTTP ? StoredMetadata.decodeHTTP(httpMetadata) : R2HTTPMetadata(),
            customMetadata: includeCustom ? StoredMetadata.decodeCustom(customMetadata) : [:], range: range,
            checksums: StoredMetadata.decodeChecksums(checksums), storageClass: "Standard")
    }
}
