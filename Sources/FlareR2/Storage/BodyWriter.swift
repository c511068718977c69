import FlareWorkerAPI
import Foundation

/// Writes a `put` or `uploadPart` body into a committed blob, hashing it on the way.
enum BodyWriter {
    /// A written body: the blob, its MD5 and the extra digest (hex) when one was asked for.
    struct Result: Sendable {
        var blob: WrittenBlob
        var md5: [UInt8]
        var extra: String?
    }

    /// Bodies larger than this are probed before compressing, so incompressible data is not
    /// compressed in vain; smaller ones are compressed and kept as is when they did not shrink.
    static let probeThreshold = 1024 * 1024

    /// Buffered bodies up to this size are compressed in one encoder call into memory (the body is
    /// in memory already, and the one-shot encoder skips the streaming encoder's ring buffer
    /// copies); larger ones stream through ``BlobWriter`` so the output is never held whole.
    static let oneShotLimit = 4 * 1024 * 1024

    /// Writes `value`.
    /// - Throws: `R2Error` for a stream of unknown or wrong length or an object too large;
    ///   `R2StorageError` for I/O failures.
    static func write(
        _ value: R2PutValue, store: BlobStore, id: String, policy: CompressionPolicy, httpMetadata: R2HTTPMetadata?,
        extra: ChecksumAlgorithm?, action: R2Action
    ) async throws -> Result {
        switch value {
        case .bytes(let data):
            return try await writeBuffered(data, store, id, policy, httpMetadata, extra, action)
        case .text(let text):
            return try await writeBuffered(Data(text.utf8), store, id, policy, httpMetadata, extra, action)
        case .empty:
            return try await writeBuffered(Data(), store, id, policy, httpMetadata, extra, action)
        case .stream(let stream, let length):
            return try await writeStream(stream, length, store, id, policy, httpMetadata, extra, action)
        }
    }

    private static func writeBuffered(
        _ data: Data, _ store: BlobStore, _ id: String, _ policy: CompressionPolicy, _ http: R2HTTPMetadata?,
        _ extra: ChecksumAlgorithm?, _ action: R2Action
    ) async throws -> Result {
        try R2Validator.size(data.count, action)
        // Hash on another thread while this one compresses.
        async let digests = hash(data, extra)
        var plan = policy.plan(size: data.count, contentType: http?.contentType, contentEncoding: http?.contentEncoding)
        if plan.encoding == .brotli && data.count > probeThreshold
            && !data.withUnsafeBytes({ BlobStore.probeShrinks($0, ratio: policy.probeRatio) })
        {
            plan = .identity
        }
        let blob: WrittenBlob
        if plan.encoding == .brotli && data.count <= oneShotLimit {
            // One encoder call over the whole body; its output is stored as it is.
            let compressed = data.withUnsafeBytes { BrotliEncoder.compressOnce($0, plan: plan) }
            let writer = try BlobWriter(
                store: store, id: id, plan: .identity, sizeHint: compressed?.count ?? data.count)
            try (compressed ?? data).withUnsafeBytes { try writer.write($0) }
            var written = try writer.commit()
            if compressed != nil {
                written.encoding = .brotli
                written.logicalSize = data.count
            }
            blob = written
        } else {
            let writer = try BlobWriter(store: store, id: id, plan: plan, sizeHint: data.count)
            try data.withUnsafeBytes { try writer.write($0) }
            try writer.finishEncoding()
            if plan.encoding == .brotli && writer.storedSize >= data.count {
                try writer.restartAsIdentity()
                try data.withUnsafeBytes { try writer.write($0) }
            }
            blob = try writer.commit()
        }
        let (md5, extraHex) = await digests
        return Result(blob: blob, md5: md5, extra: extraHex)
    }

    private static func hash(_ data: Data, _ extra: ChecksumAlgorithm?) -> (md5: [UInt8], extra: String?) {
        var hasher = ObjectHasher(extra: extra)
        data.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }

    private static func writeStream(
        _ stream: AsyncThrowingStream<Data, any Error>, _ length: Int, _ store: BlobStore, _ id: String,
        _ policy: CompressionPolicy, _ http: R2HTTPMetadata?, _ extra: ChecksumAlgorithm?, _ action: R2Action
    ) async throws -> Result {
        guard length >= 0 else {
            throw R2Error.typeError(
                "Provided readable stream must have a known length (request/response body or readable half of FixedLengthStream)"
            )
        }
        try R2Validator.size(length, action)
        var hasher = ObjectHasher(extra: extra)
        var writer: BlobWriter?
        var pending = Data()
        var total = 0
        let plan = policy.plan(size: length, contentType: http?.contentType, contentEncoding: http?.contentEncoding)
        func start(_ probe: Data) throws -> BlobWriter {
            var chosen = plan
            if plan.encoding == .brotli
                && !probe.withUnsafeBytes({ BlobStore.probeShrinks($0, ratio: policy.probeRatio) })
            {
                chosen = .identity
            }
            let created = try BlobWriter(store: store, id: id, plan: chosen, sizeHint: length)
            try probe.withUnsafeBytes { try created.write($0) }
            return created
        }
        for try await chunk in stream {
            total += chunk.count
            if total > length { throw R2Failure.internalError.error(action) }
            chunk.withUnsafeBytes { hasher.update($0) }
            if let writer {
                try chunk.withUnsafeBytes { try writer.write($0) }
            } else {
                pending.append(chunk)
                if pending.count >= 64 * 1024 {
                    writer = try start(pending)
                    pending = Data()
                }
            }
        }
        if total != length { throw R2Failure.internalError.error(action) }
        let active = try writer ?? start(pending)
        let blob = try active.commit()
        let (md5, extraHex) = hasher.finalize()
        return Result(blob: blob, md5: md5, extra: extraHex)
    }
}
