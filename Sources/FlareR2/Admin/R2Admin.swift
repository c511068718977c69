import FlareWorkerAPI
import Foundation
import GRDB
import Logging

/// Bucket administration over a persist root, for `swiftflare r2`: create, list, delete, info and
/// stats; plus the object commands' one-call helpers (see `R2Admin+Objects.swift`).
///
/// ```swift
/// let admin = R2Admin(persistRoot: URL(fileURLWithPath: ".wrangler/state"), logger: logger)
/// try admin.createBucket("timeseries")
/// print(try admin.stats(bucket: "timeseries").compressionRatio)
/// ```
public struct R2Admin: Sendable {
    /// The persist root.
    public let persistRoot: URL
    /// Where R2 state lives under it.
    public let layout: R2Layout
    let clock: any FlareClock
    let logger: Logger

    /// Creates the administrator of `persistRoot`.
    public init(persistRoot: URL, clock: any FlareClock = SystemClock(), logger: Logger) {
        self.persistRoot = persistRoot
        self.layout = R2Layout(persistRoot: persistRoot)
        self.clock = clock
        self.logger = logger
    }

    /// Checks wrangler's bucket-name rule.
    /// - Throws: `R2AdminError` with wrangler's message.
    public static func validateBucketName(_ name: String) throws {
        let bytes = Array(name.utf8)
        func ok(_ byte: UInt8, hyphen: Bool) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || (hyphen && byte == 45)
        }
        let valid =
            bytes.count >= 3 && bytes.count <= 63 && ok(bytes.first!, hyphen: false) && ok(bytes.last!, hyphen: false)
            && bytes.allSatisfy { ok($0, hyphen: true) }
        if !valid {
            throw R2AdminError(
                "The bucket name \"\(name)\" is invalid. Bucket names must begin and end with an alphanumeric "
                    + "character, only contain lowercase letters, numbers, and hyphens, and be between 3 and 63 "
                    + "characters long.")
        }
    }

    /// Whether the bucket has local state.
    public func exists(_ bucket: String) -> Bool {
        FileManager.default.fileExists(atPath: layout.indexURL(bucketName: bucket).path)
    }

    /// Opens a bucket (creating its state when missing).
    /// - Throws: a file-system or SQLite error.
    public func open(_ bucket: String) throws -> LocalR2Bucket {
        try LocalR2Bucket(persistRoot: persistRoot, bucketName: bucket, clock: clock, logger: logger)
    }

    /// Creates a bucket.
    /// - Throws: `R2AdminError` for an invalid name or an existing bucket.
    public func createBucket(_ name: String) throws {
        try Self.validateBucketName(name)
        if exists(name) { throw R2AdminError("The bucket \"\(name)\" already exists.") }
        _ = try open(name)
    }

    /// The buckets with local state, by name (buckets Miniflare created are listed once opened here).
    /// - Throws: a SQLite error.
    public func listBuckets() throws -> [R2BucketStats] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: layout.metadataDirectory.path)) ?? []
        var result: [R2BucketStats] = []
        for file in files.sorted() where file.hasSuffix(".sqlite") {
            let path = layout.metadataDirectory.appendingPathComponent(file).path
            let name = try DatabaseQueue(path: path).read { db -> String? in
                guard try db.tableExists("_sf_bucket") else { return nil }
                return try String.fetchOne(db, sql: "SELECT name FROM _sf_bucket")
            }
            if let name { result.append(try stats(bucket: name)) }
        }
        return result.sorted { $0.bucket < $1.bucket }
    }

    /// Deletes an empty bucket's state.
    /// - Throws: `R2AdminError` when it does not exist or still holds objects.
    public func deleteBucket(_ name: String) throws {
        guard exists(name) else { throw R2AdminError("The specified bucket does not exist.") }
        let current = try stats(bucket: name)
        if current.objects > 0 { throw R2AdminError("The bucket you tried to delete is not empty.") }
        let index = layout.indexURL(bucketName: name).path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: index + suffix) }
        try? FileManager.default.removeItem(at: layout.bucketDirectory(bucketName: name))
    }

    /// Objects, logical and stored bytes of a bucket.
    /// - Throws: `R2AdminError` when it does not exist; a SQLite error.
    public func stats(bucket: String) throws -> R2BucketStats {
        guard exists(bucket) else { throw R2AdminError("The specified bucket does not exist.") }
        let queue = try DatabaseQueue(path: layout.indexURL(bucketName: bucket).path)
        let blobs = layout.bucketDirectory(bucketName: bucket).appendingPathComponent("blobs")
        return try queue.read { db in
            let created = try Int64.fetchOne(db, sql: "SELECT created FROM _sf_bucket")
            let objects = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM _mf_objects") ?? 0
            let logical = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM _mf_objects") ?? 0
            let uploads = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM _mf_multipart_uploads WHERE state = 0") ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT u.blob_id, b.stored_size, b.encoding FROM (
                        SELECT blob_id FROM _mf_objects WHERE blob_id IS NOT NULL
                        UNION ALL SELECT blob_id FROM _mf_multipart_parts WHERE object_key IS NOT NULL
                    ) u LEFT JOIN _sf_blobs b ON b.blob_id = u.blob_id
                    """)
            var stored = 0
            for row in rows {
                if let size: Int = row["stored_size"] {
                    stored += size
                } else if let id: String = row["blob_id"], BlobStore.isSafeID(id) {
                    // A blob Miniflare wrote: its file size.
                    let attributes = try? FileManager.default.attributesOfItem(
                        atPath: blobs.appendingPathComponent(id).path)
                    stored += (attributes?[.size] as? Int) ?? 0
                }
            }
            let compressed =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM _mf_objects o WHERE EXISTS (
                            SELECT 1 FROM _sf_blobs b WHERE b.encoding = 1 AND (b.blob_id = o.blob_id OR b.blob_id IN (
                                SELECT blob_id FROM _mf_multipart_parts p WHERE p.object_key = o.key)))
                        """) ?? 0
            return R2BucketStats(
                bucket: bucket, created: created.map { Date(timeIntervalSince1970: Double($0) / 1000) },
                objects: objects, uploadsInProgress: uploads, logicalBytes: logical, storedBytes: stored,
                compressedObjects: compressed)
        }
    }

    /// How each object of a bucket is stored, by key.
    /// - Throws: a SQLite error.
    public func blobEncodings(bucket: String) throws -> [String: R2StoredBlobInfo] {
        let queue = try DatabaseQueue(path: layout.indexURL(bucketName: bucket).path)
        return try queue.read { db in
            var result: [String: R2StoredBlobInfo] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT CAST(o.key AS BLOB) AS key, b.encoding, b.stored_size FROM _mf_objects o
                    JOIN _sf_blobs b ON b.blob_id = o.blob_id
                    """)
            for row in rows {
                let encoding: Int = row["encoding"]
                result[R2Index.key(row["key"])] = R2StoredBlobInfo(
                    encoding: encoding == BlobEncoding.brotli.rawValue ? "br" : "identity",
                    storedSize: row["stored_size"])
            }
            return result
        }
    }
}
