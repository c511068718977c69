import FlareWorkerAPI
import Foundation
import GRDB
import Logging

/// A local R2 bucket: object bytes in a Brotli-compressed blob directory, metadata, versions and
/// multipart state in a SQLite index laid out as Miniflare's (`<root>/v3/r2/...`).
///
/// ```swift
/// let bucket = try LocalR2Bucket(persistRoot: root, bucketName: "timeseries", logger: logger)
/// try await bucket.put("a.json", .text("{}"))
/// let body = try await bucket.get("a.json")
/// ```
///
/// Writes are atomic: the blob goes to a temp file, is synced and renamed, and only then does the
/// index commit; an orphan sweep at open removes blobs without rows and temp files.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/r2/api/workers/workers-api-reference/>
public actor LocalR2Bucket: R2Bucket {
    /// Puts and index writes block on `fdatasync` and SQLite: they run on a dispatch queue of their own
    /// rather than on the cooperative pool (see ``BlockingWorkExecutor``).
    private nonisolated let executor = BlockingWorkExecutor(label: "swiftflare.r2")
    /// The bucket's executor (a dispatch queue, see ``BlockingWorkExecutor``).
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    /// The bucket's name (Miniflare's bucket id).
    public nonisolated let bucketName: String
    /// Tunables.
    public nonisolated let options: LocalR2Options
    /// The persist root the bucket lives under.
    public nonisolated let persistRoot: URL
    nonisolated let index: R2Index
    nonisolated let store: BlobStore
    nonisolated let clock: any FlareClock
    nonisolated let logger: Logger
    private let lock: BucketLock

    /// Opens (creating) the bucket `bucketName` under `persistRoot` and sweeps leftovers of
    /// interrupted writes.
    /// - Parameters:
    ///   - persistRoot: the persist root (`.wrangler/state`).
    ///   - bucketName: the bucket (any string: it is sanitised into a directory name).
    ///   - clock: the clock for `uploaded` times.
    ///   - logger: where to log.
    ///   - options: compression and multipart tunables.
    /// - Throws: a file-system or SQLite error.
    public init(
        persistRoot: URL, bucketName: String, clock: any FlareClock = SystemClock(), logger: Logger,
        options: LocalR2Options = LocalR2Options()
    ) throws {
        let layout = R2Layout(persistRoot: persistRoot)
        try FileManager.default.createDirectory(at: layout.metadataDirectory, withIntermediateDirectories: true)
        self.bucketName = bucketName
        self.persistRoot = persistRoot
        self.options = options
        self.clock = clock
        self.logger = logger
        index = try R2Index(
            path: layout.indexURL(bucketName: bucketName).path, bucketName: bucketName,
            nowMilliseconds: clock.nowMilliseconds())
        store = try BlobStore(
            bucketDirectory: layout.bucketDirectory(bucketName: bucketName), syncWrites: options.syncWrites,
            inlineLimit: options.inlineLimit)
        lock = try BucketLock(directory: store.bucketDirectory)
        if lock.exclusive {
            let swept = try OrphanSweep.run(index: index, store: store)
            if swept > 0 {
                logger.notice(
                    "Removed leftovers of interrupted writes",
                    metadata: ["r2.bucket": "\(bucketName)", "r2.swept": "\(swept)"])
            }
        }
        lock.share()
    }

    /// The object's metadata, or `nil` when the key is missing.
    /// - Throws: `head: The specified object name is not valid. (10020)`.
    public func head(_ key: String) async throws -> R2Object? {
        try R2Validator.key(key, .head)
        guard let row = try index.readStatement({ try ObjectRow.fetch($0, key: key) }) else { return nil }
        return row.object(range: .offset(0, length: row.size))
    }

    /// The object with its body (or a part of it), its metadata alone when `onlyIf` fails, or
    /// `nil` when missing.
    /// - Throws: `R2Error`: an invalid key (10020), an unsatisfiable range (10039), the range
    ///   `RangeError`s, a quoted conditional ETag.
    ///
    /// Runs on the caller's executor, not the bucket's: the index connection serialises it against
    /// writes, inline blobs come with their row, and a blob file removed by a concurrent overwrite
    /// between the lookup and the open is retried with the new row.
    public nonisolated func get(_ key: String, options getOptions: R2GetOptions) async throws -> R2GetResult? {
        try R2Validator.key(key, .get)
        try R2Validator.rangeArguments(getOptions.range)
        try R2Validator.conditional(getOptions.onlyIf)
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try read(key, getOptions)
            } catch let error as R2StorageError where error.isMissingFile && attempt < 5 {
                continue
            }
        }
    }

    private nonisolated func read(_ key: String, _ getOptions: R2GetOptions) throws -> R2GetResult? {
        let found = try index.readStatement { db -> (ObjectRow, [StoredSegment])? in
            guard let (row, storage) = try ObjectRow.fetchWithStorage(db, key: key) else { return nil }
            return (row, try StoredSegment.fetch(db, for: row, single: storage))
        }
        guard let (row, stored) = found else { return nil }
        if !ConditionalEvaluator.passes(getOptions.onlyIf, etag: row.etag, uploadedMilliseconds: row.uploaded) {
            return .preconditionFailed(row.object())
        }
        let (offset, length) =
            getOptions.range == nil
            ? R2Validator.parseRangeHeader(getOptions.rangeHeader, size: row.size) ?? (0, row.size)
            : try R2Validator.resolve(getOptions.range, size: row.size)
        let object = row.object(range: .offset(offset, length: length))
        if stored.count == 1, let inline = stored[0].inline, offset == 0, length == row.size,
            length <= options.bufferedReadLimit
        {
            // A whole inline object: one call into the decoder, no reader or descriptor.
            let bytes = stored[0].encoding == .brotli ? try BlobSegmentReader.decompress(inline, size: length) : inline
            return .body(R2ObjectBody(object: object, body: WorkerBody(data: bytes)))
        }
        let reader = BlobSegmentReader(segments: try open(stored), offset: offset, length: length)
        let body: WorkerBody
        if length <= options.bufferedReadLimit {
            body = WorkerBody(data: try BlobBodyStream.readAll(reader, length: length))
        } else {
            let stream = BlobBodyStream(reader: reader, chunkSize: options.streamChunkSize)
            body = WorkerBody(stream: stream.stream(), knownLength: length)
        }
        return .body(R2ObjectBody(object: object, body: body))
    }

    /// Deletes keys; missing keys are ignored and all keys are validated first.
    /// - Throws: `delete: The specified object name is not valid. (10020)`.
    public func delete(_ keys: [String]) async throws {
        for key in keys { try R2Validator.key(key, .delete) }
        let garbage = try index.write { db -> [String] in
            var garbage: [String] = []
            for key in keys { garbage += try Self.removeObject(db, key: key) }
            return garbage
        }
        store.remove(garbage)
    }

    /// Removes `key`'s row (and its parts' rows) and returns the blob files to unlink after commit.
    nonisolated static func removeObject(_ db: Database, key: String) throws -> [String] {
        let removed = try db.cachedStatement(
            sql: "DELETE FROM _mf_objects WHERE key = CAST(? AS TEXT) RETURNING blob_id")
        guard let row = try Row.fetchOne(removed, arguments: [R2Index.arg(key)]) else { return [] }
        var blobs: [String] = []
        if let blob: String = row[0] {
            blobs.append(blob)
        } else {
            blobs = try String.fetchAll(
                db, sql: "SELECT blob_id FROM _mf_multipart_parts WHERE object_key = CAST(? AS TEXT)",
                arguments: [R2Index.arg(key)])
            try db.execute(
                sql: "DELETE FROM _mf_multipart_parts WHERE object_key = CAST(? AS TEXT)", arguments: [R2Index.arg(key)]
            )
        }
        return try StoredSegment.forget(db, blobs: blobs)
    }

    /// Opens the blobs of an object, closing what was opened when one fails.
    private nonisolated func open(_ stored: [StoredSegment]) throws -> [BlobSegmentReader.Segment] {
        var opened: [BlobSegmentReader.Segment] = []
        do {
            for segment in stored {
                let fd = segment.inline == nil ? try store.open(segment.blobID) : -1
                opened.append(.init(fd: fd, encoding: segment.encoding, size: segment.size, inline: segment.inline))
            }
        } catch {
            for segment in opened { segment.close() }
            throw error
        }
        return opened
    }
}
