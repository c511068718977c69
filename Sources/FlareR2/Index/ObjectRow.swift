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

    /// Reads a row selected with ``columns`` first (by position: faster than by name).
    init(row: Row) {
        key = R2Index.key(row[0])
        blobID = row[1]
        version = row[2]
        size = row[3]
        etag = row[4]
        uploaded = row[5]
        checksums = row[6]
        httpMetadata = row[7]
        customMetadata = row[8]
    }

    static func fetch(_ db: Database, key: String) throws -> ObjectRow? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(columns) FROM _mf_objects WHERE key = CAST(? AS TEXT)")
        return try Row.fetchOne(statement, arguments: [R2Index.arg(key)]).map(ObjectRow.init(row:))
    }

    func upsert(_ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO _mf_objects
                    (key, blob_id, version, size, etag, uploaded, checksums, http_metadata, custom_metadata)
                VALUES (CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
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
