import FlareWorkerAPI
import Foundation
import GRDB

extension LocalR2Bucket {
    /// Stores an object; `nil` (and nothing written) when `onlyIf` fails.
    ///
    /// The body is hashed (MD5 for the ETag, plus the checksum the caller gave) while it is
    /// compressed into a temp blob on another thread; the blob is synced and renamed, then the
    /// index row commits and the overwritten object's blobs are removed.
    /// - Throws: `R2Error`: `put: The specified object name is not valid. (10020)`, metadata too
    ///   large (10012), object too large (100100), a checksum mismatch (10037), and workerd's
    ///   `TypeError`s for malformed checksums or quoted conditional ETags.
    @discardableResult
    public func put(_ key: String, _ value: R2PutValue, options putOptions: R2PutOptions) async throws -> R2Object? {
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
        let garbage = try index.write { db -> [String]? in
            if let onlyIf = putOptions.onlyIf {
                let current = try ObjectRow.fetch(db, key: key)
                if !ConditionalEvaluator.passes(onlyIf, etag: current?.etag, uploadedMilliseconds: current?.uploaded) {
                    return nil
                }
            }
            let garbage = try Self.removeObject(db, key: key)
            try StoredSegment.record(db, body.blob)
            try row.upsert(db)
            return garbage
        }
        guard let garbage else {
            store.remove([body.blob.id])
            return nil
        }
        store.remove(garbage)
        return row.object()
    }

    /// 32 random hex characters.
    static func newVersion() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
