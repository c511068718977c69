import FlareWorkerAPI
import Foundation
import GRDB

extension LocalR2Bucket {
    /// The uploads in progress whose key starts with `prefix`, by key then upload id. (The R2
    /// binding has no such call; the S3 API does.)
    /// - Throws: a SQLite error.
    public func multipartUploadsInProgress(prefix: String = "") throws -> [R2MultipartUploadInfo] {
        try index.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT CAST(key AS BLOB) AS key, upload_id FROM _mf_multipart_uploads WHERE state = 0")
            return
                rows
                .map { R2MultipartUploadInfo(key: R2Index.key($0["key"]), uploadId: $0["upload_id"]) }
                .filter { $0.key.utf8.starts(with: prefix.utf8) }
                .sorted {
                    $0.key == $1.key ? $0.uploadId < $1.uploadId : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8)
                }
        }
    }

    /// The parts uploaded so far to an upload in progress, by part number; `nil` when `uploadId` is
    /// not an upload of `key` in progress.
    /// - Throws: a SQLite error.
    public func uploadedParts(key: String, uploadId: String) throws -> [R2MultipartPartInfo]? {
        try index.read { db in
            guard
                let upload = try Row.fetchOne(
                    db, sql: "SELECT CAST(key AS BLOB) AS key, state FROM _mf_multipart_uploads WHERE upload_id = ?",
                    arguments: [uploadId]),
                R2Index.key(upload["key"]) == key, (upload["state"] as Int) == 0
            else { return nil }
            return try Row.fetchAll(
                db,
                sql: "SELECT part_number, etag, size FROM _mf_multipart_parts WHERE upload_id = ? ORDER BY part_number",
                arguments: [uploadId]
            ).map { R2MultipartPartInfo(partNumber: $0["part_number"], etag: $0["etag"], size: $0["size"]) }
        }
    }
}
