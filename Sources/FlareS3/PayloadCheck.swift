import Crypto
import Foundation

/// Passes a body through while hashing it, and fails the stream at its end when the SHA-256
/// (`x-amz-content-sha256`) or the MD5 (`Content-MD5`) differs, or the length is wrong: the put
/// then fails before its commit, so a corrupted body is never stored.
final class PayloadCheck: @unchecked Sendable {
    // @unchecked: a body stream has a single reader, so `next()` never runs concurrently.
    private var upstream: AsyncThrowingStream<Data, any Error>.AsyncIterator
    private var sha256: SHA256?
    private var md5: Insecure.MD5?
    private let expectedSHA256: String?
    private let expectedMD5: [UInt8]?
    private let expectedLength: Int?
    private var count = 0

    init(
        upstream: AsyncThrowingStream<Data, any Error>, sha256 expectedSHA256: String?, md5 expectedMD5: [UInt8]?,
        length: Int?
    ) {
        self.upstream = upstream.makeAsyncIterator()
        self.expectedSHA256 = expectedSHA256?.lowercased()
        self.expectedMD5 = expectedMD5
        self.expectedLength = length
        sha256 = expectedSHA256 == nil ? nil : SHA256()
        md5 = expectedMD5 == nil ? nil : Insecure.MD5()
    }

    /// The checked stream.
    func stream() -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { try await self.next() }
    }

    func next() async throws -> Data? {
        guard let chunk = try await upstream.next() else {
            if let expectedLength, count != expectedLength { throw S3Error.incompleteBody }
            if let expectedSHA256, let hasher = sha256, S3Encoding.hex(hasher.finalize()) != expectedSHA256 {
                throw S3Error.contentSHA256Mismatch
            }
            if let expectedMD5, let hasher = md5, Array(hasher.finalize()) != expectedMD5 {
                throw S3Error.badDigest
            }
            return nil
        }
        count += chunk.count
        sha256?.update(data: chunk)
        md5?.update(data: chunk)
        return chunk
    }
}
