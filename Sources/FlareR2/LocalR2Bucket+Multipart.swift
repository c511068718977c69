import Crypto
import FlareWorkerAPI
import Foundation
import GRDB

extension LocalR2Bucket {
    private enum UploadState: Int {
        case inProgress = 0, completed = 1, aborted = 2
    }

    /// Starts a multipart upload; its parts stay invisible until ``LocalR2MultipartUpload/complete(_:)``.
    /// - Throws: `createMultipartUpload: ...` for an invalid key (10020) or metadata too large (10012).
    public func createMultipartUpload(_ key: String, options uploadOptions: R2MultipartOptions) async throws
        -> any R2MultipartUpload
    {
        try R2Validator.key(key, .createMultipartUpload)
        try R2Validator.customMetadata(uploadOptions.customMetadata, .createMultipartUpload)
        let uploadId = Self.randomToken()
        try index.write { db in
            try db.execute(
                sql: """
                    INSERT INTO _mf_multipart_uploads (upload_id, key, http_metadata, custom_metadata, state)
                    VALUES (?, CAST(? AS TEXT), ?, ?, 0)
                    """,
                arguments: [
                    uploadId, R2Index.arg(key), StoredMetadata.encodeHTTP(uploadOptions.httpMetadata),
                    StoredMetadata.encodeCustom(uploadOptions.customMetadata),
                ])
        }
        return LocalR2MultipartUpload(key: key, uploadId: uploadId, bucket: self)
    }

    /// Resumes an upload by id (makes no request: errors surface on use).
    public nonisolated func resumeMultipartUpload(_ key: String, uploadId: String) -> any R2MultipartUpload {
        LocalR2MultipartUpload(key: key, uploadId: uploadId, bucket: self)
    }

    /// base64url of 128 random bytes, as Miniflare's upload ids and part ETags.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<128).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func uploadState(_ db: Database, key: String, uploadId: String) throws -> UploadState? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT CAST(key AS BLOB) AS key, state FROM _mf_multipart_uploads WHERE upload_id = ?",
                arguments: [uploadId]),
            R2Index.key(row["key"]) == key
        else { return nil }
        return UploadState(rawValue: row["state"])
    }

    func uploadPart(key: String, uploadId: String, partNumber: Int, value: R2PutValue) async throws -> R2UploadedPart {
        guard (1...10000).contains(partNumber) else {
            throw R2Error.typeError(
                "Part number must be between 1 and 10000 (inclusive). Actual value was: \(partNumber)")
        }
        try R2Validator.key(key, .uploadPart)
        let isOpen = try index.read { try Self.uploadState($0, key: key, uploadId: uploadId) == .inProgress }
        guard isOpen else { throw R2Failure.noSuchUpload.error(.uploadPart) }
        let body = try await BodyWriter.write(
            value, store: store, id: BlobStore.newBlobID(nowMilliseconds: clock.nowMilliseconds()),
            policy: options.compression, httpMetadata: nil, extra: nil, action: .uploadPart)
        let etag = Self.randomToken()
        let garbage = try index.write { db -> [String]? in
            // The upload may have finished while the body was written.
            guard try Self.uploadState(db, key: key, uploadId: uploadId) == .inProgress else { return nil }
            let old = try String.fetchAll(
                db, sql: "SELECT blob_id FROM _mf_multipart_parts WHERE upload_id = ? AND part_number = ?",
                arguments: [uploadId, partNumber])
            let files = try StoredSegment.forget(db, blobs: old)
            try StoredSegment.record(db, body.blob)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO _mf_multipart_parts
                        (upload_id, part_number, blob_id, size, etag, checksum_md5, object_key)
                    VALUES (?, ?, ?, ?, ?, ?, NULL)
                    """,
                arguments: [uploadId, partNumber, body.blob.id, body.blob.logicalSize, etag, Hex.encode(body.md5)])
            return files
        }
        guard let garbage else {
            if body.blob.inline == nil { store.remove([body.blob.id]) }
            throw R2Failure.noSuchUpload.error(.uploadPart)
        }
        store.remove(garbage)
        return R2UploadedPart(partNumber: partNumber, etag: etag)
    }

    func abortUpload(key: String, uploadId: String) async throws {
        try R2Validator.key(key, .abortMultipartUpload)
        let garbage = try index.write { db -> [String] in
            guard let state = try Self.uploadState(db, key: key, uploadId: uploadId) else {
                throw R2Failure.internalError.error(.abortMultipartUpload)
            }
            guard state == .inProgress else { return [] }
            let blobs = try String.fetchAll(
                db, sql: "SELECT blob_id FROM _mf_multipart_parts WHERE upload_id = ?", arguments: [uploadId])
            try db.execute(sql: "DELETE FROM _mf_multipart_parts WHERE upload_id = ?", arguments: [uploadId])
            try db.execute(sql: "UPDATE _mf_multipart_uploads SET state = 2 WHERE upload_id = ?", arguments: [uploadId])
            return try StoredSegment.forget(db, blobs: blobs)
        }
        store.remove(garbage)
    }

    func completeUpload(key: String, uploadId: String, parts: [R2UploadedPart]) async throws -> R2Object {
        try R2Validator.key(key, .completeMultipartUpload)
        let minimum = options.minimumPartSize
        let uploaded = clock.nowMilliseconds()
        let version = Self.newVersion()
        let (row, garbage) = try index.write { db -> (ObjectRow, [String]) in
            let fail = { (failure: R2Failure) in failure.error(.completeMultipartUpload) }
            guard let state = try Self.uploadState(db, key: key, uploadId: uploadId) else { throw fail(.internalError) }
            guard state == .inProgress else { throw fail(.noSuchUpload) }
            if Set(parts.map(\.partNumber)).count != parts.count { throw fail(.internalError) }
            let stored = try Row.fetchAll(
                db,
                sql:
                    "SELECT part_number, blob_id, size, etag, checksum_md5 FROM _mf_multipart_parts WHERE upload_id = ?",
                arguments: [uploadId])
            var byNumber: [Int: Row] = [:]
            for part in stored { byNumber[part["part_number"]] = part }
            var selected: [Row] = []
            for part in parts {
                guard let match = byNumber[part.partNumber], (match["etag"] as String) == part.etag else {
                    throw fail(.invalidPart)
                }
                selected.append(match)
            }
            for part in selected.dropLast() where (part["size"] as Int) < minimum { throw fail(.entityTooSmall) }
            let ordered = selected.sorted { ($0["part_number"] as Int) < ($1["part_number"] as Int) }
            if let first = ordered.first, ordered.count > 1 {
                let size: Int = first["size"]
                let evenSizes = ordered.dropLast().allSatisfy { ($0["size"] as Int) == size }
                if size < minimum || !evenSizes || (ordered.last!["size"] as Int) > size { throw fail(.badUpload) }
            }
            var md5s = Data()
            for part in ordered { md5s.append(contentsOf: Hex.decode(part["checksum_md5"])) }
            let etag = Hex.encode(Insecure.MD5.hash(data: md5s)) + "-\(ordered.count)"
            let upload = try Row.fetchOne(
                db, sql: "SELECT http_metadata, custom_metadata FROM _mf_multipart_uploads WHERE upload_id = ?",
                arguments: [uploadId])!
            var garbage = try Self.removeObject(db, key: key)
            let used = Set(ordered.map { $0["part_number"] as Int })
            let unused: [String] = stored.filter { !used.contains($0["part_number"]) }.map { $0["blob_id"] }
            garbage += try StoredSegment.forget(db, blobs: unused)
            for number in byNumber.keys where !used.contains(number) {
                try db.execute(
                    sql: "DELETE FROM _mf_multipart_parts WHERE upload_id = ? AND part_number = ?",
                    arguments: [uploadId, number])
            }
            let row = ObjectRow(
                key: key, blobID: nil, version: version, size: ordered.reduce(0) { $0 + ($1["size"] as Int) },
                etag: etag, uploaded: uploaded, checksums: "{}", httpMetadata: upload["http_metadata"],
                customMetadata: upload["custom_metadata"])
            try row.upsert(db)
            try db.execute(
                sql: "UPDATE _mf_multipart_parts SET object_key = CAST(? AS TEXT) WHERE upload_id = ?",
                arguments: [R2Index.arg(key), uploadId])
            try db.execute(sql: "UPDATE _mf_multipart_uploads SET state = 1 WHERE upload_id = ?", arguments: [uploadId])
            return (row, garbage)
        }
        store.remove(garbage)
        return row.object()
    }
}
