import FlareWorkerAPI
import Foundation
import GRDB

extension LocalR2Bucket {
    /// Stores an object; `nil` (and nothing written) when `onlyIf` fails.
    ///
    /// The body is hashed (MD5 for the ETag, plus the checksum the caller gave) while it is
    /// compressed, on the caller's executor; a small blob stays in memory, a larger one goes to a
    /// temp file that is synced and renamed. Only then does the put enter the bucket's executor,
    /// where the index row (with an inline blob) commits and the overwritten object's blobs are
    /// removed.
    /// - Throws: `R2Error`: `put: The specified object name is not valid. (10020)`, metadata too
    ///   large (10012), object too large (100100), a checksum mismatch (10037), and workerd's
    ///   `TypeError`s for malformed checksums or quoted conditional ETags.
    @discardableResult
    public nonisolated func put(_ key: String, _ value: R2PutValue, options putOptions: R2PutOptions) async throws
        -> R2Object?
    {
        try R2Validator.key(key, .put)
        try R2Validator.customMetadata(putOptions.customMetadata, .put)
        let expected = try R2Validator.expectedChecksum(putOptions.checksums)
        try R2Validator.conditional(putOptions.onlyIf)
        if let onlyIf = putOptions.onlyIf {
            // Checked early so that a failing put writes nothing; checked again at commit.
            let current = try index.read { try ObjectRow.fetch($0, key: key) }
            if !ConditionalEvaluator.passes(onlyIf, etag: current?.etag, uploadedMilliseconds: current?.uploaded) {
                return nil
            }
        }
        let body = try await BodyWriter.write(
            value, store: store, id: BlobStore.newBlobID(nowMilliseconds: clock.nowMilliseconds()),
            policy: options.compression, httpMetadata: putOptions.httpMetadata, extra: expected?.0,
            action: .put)
        var checksums = R2Checksums(md5: Hex.encode(body.md5))
        if let (algorithm, provided) = expected {
            let actual = algorithm == .md5 ? Hex.encode(body.md5) : body.extra ?? ""
            guard actual == provided else {
                store.remove([body.blob.id])
                throw R2Failure.badDigest(algorithm: algorithm.displayName, provided: provided, actual: actual)
                    .error(.put)
            }
            algorithm.set(actual, in: &checksums)
        }
        let row = ObjectRow(
            key: key, blobID: body.blob.id, version: Self.newVersion(), size: body.blob.logicalSize,
            etag: Hex.encode(body.md5), uploaded: clock.nowMilliseconds(),
            checksums: StoredMetadata.encodeChecksums(checksums),
            httpMetadata: StoredMetadata.encodeHTTP(putOptions.httpMetadata),
            customMetadata: StoredMetadata.encodeCustom(putOptions.customMetadata))
        if body.blob.inline != nil {
            // A short transaction with no file to sync: not worth two executor switches.
            return try commit(row, blob: body.blob, onlyIf: putOptions.onlyIf)
        }
        return try await isolatedCommit(row, blob: body.blob, onlyIf: putOptions.onlyIf)
    }

    /// ``commit(_:blob:onlyIf:)`` on the bucket's executor, for blobs whose commit unlinks or
    /// follows file work.
    private func isolatedCommit(_ row: ObjectRow, blob: WrittenBlob, onlyIf: R2Conditional?) throws -> R2Object? {
        try commit(row, blob: blob, onlyIf: onlyIf)
    }

    /// Commits a written blob under its row, unless `onlyIf` fails now; removes the blobs the row
    /// replaced (or the new blob, when it lost). The index connection serialises it against every
    /// other read and write of the bucket.
    private nonisolated func commit(_ row: ObjectRow, blob: WrittenBlob, onlyIf: R2Conditional?) throws -> R2Object? {
        let garbage = try index.write { db -> [String]? in
            if let onlyIf {
                let current = try ObjectRow.fetch(db, key: row.key)
                if !ConditionalEvaluator.passes(onlyIf, etag: current?.etag, uploadedMilliseconds: current?.uploaded) {
                    return nil
                }
            }
            if blob.inline != nil, let reused = try StoredSegment.overwriteInline(db, key: row.key, with: blob) {
                var updated = row
                updated.blobID = reused
                try updated.upsert(db)
                return []
            }
            let garbage = try Self.removeObject(db, key: row.key)
            try StoredSegment.record(db, blob)
            try row.upsert(db)
            return garbage
        }
        guard let garbage else {
            if blob.inline == nil { store.remove([blob.id]) }
            return nil
        }
        store.remove(garbage)
        return row.object()
    }

    /// 32 random hex characters.
    static func newVersion() -> String { Hex.encode(randomBytes(16)) }

    /// `count` random bytes, drawn eight at a time (one system call each, not one a byte).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return Array(bytes.prefix(count))
    }
}
