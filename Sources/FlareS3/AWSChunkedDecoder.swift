import Crypto
import Foundation

/// Decodes an `aws-chunked` body (`<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n` … `0…\r\n`,
/// then optional trailer lines and an empty line), checking each chunk's signature against the
/// previous one when the payload is `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`.
///
/// Data is passed on as it arrives; a bad signature or a malformed frame fails the stream, which
/// makes the put or part upload fail before anything is committed.
final class AWSChunkedDecoder: @unchecked Sendable {
    // @unchecked: a body stream has a single reader, so `next()` never runs concurrently.

    /// The signing context of a signed stream, or `nil` for unsigned chunks.
    struct Signing {
        var key: SymmetricKey
        var timestamp: String
        var scope: String
        var seedSignature: String
    }

    private enum State {
        case header
        case data(remaining: Int)
        case dataEnd
        case trailers
        case done
    }

    private var upstream: AsyncThrowingStream<Data, any Error>.AsyncIterator
    private let signing: Signing?
    private let expectedLength: Int?
    private var buffer = Data()
    private var offset = 0
    private var state = State.header
    private var hasher = SHA256()
    private var chunkSignature = ""
    private var previousSignature: String
    private var finalChunk = false
    /// Decoded bytes so far.
    private(set) var decodedCount = 0
    /// Trailer headers (`x-amz-checksum-crc32: …`), lower-cased names.
    private(set) var trailers: [String: String] = [:]

    init(upstream: AsyncThrowingStream<Data, any Error>, signing: Signing?, expectedLength: Int?) {
        self.upstream = upstream.makeAsyncIterator()
        self.signing = signing
        self.expectedLength = expectedLength
        previousSignature = signing?.seedSignature ?? ""
    }

    /// The decoded stream.
    func stream() -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { try await self.next() }
    }

    static func failure(_ detail: String) -> S3Error {
        S3Error(code: "IncompleteBody", message: "The aws-chunked body is malformed: \(detail)", status: .badRequest)
    }

    func next() async throws -> Data? {
        while true {
            switch state {
            case .done:
                return nil
            case .header:
                guard let line = try await readLine() else { throw Self.failure("it ended before the final chunk") }
                try parseHeader(line)
            case .data(let remaining):
                if offset == buffer.count {
                    guard try await fill() else { throw Self.failure("a chunk is shorter than its size") }
                }
                let take = min(remaining, buffer.count - offset)
                let start = buffer.startIndex + offset
                let piece = buffer.subdata(in: start..<start + take)
                offset += take
                hasher.update(data: piece)
                decodedCount += take
                state = remaining == take ? .dataEnd : .data(remaining: remaining - take)
                if let expectedLength, decodedCount > expectedLength {
                    throw Self.failure("it holds more than x-amz-decoded-content-length")
                }
                return piece
            case .dataEnd:
                guard let line = try await readLine(), line.isEmpty else {
                    throw Self.failure("a chunk is not followed by CRLF")
                }
                try verifyChunk()
                state = .header
            case .trailers:
                guard let line = try await readLine() else {
                    // Some clients end the body right after the final chunk's CRLF.
                    try finish()
                    return nil
                }
                if line.isEmpty {
                    try finish()
                    return nil
                }
                let text = String(decoding: line, as: UTF8.self)
                if let colon = text.firstIndex(of: ":") {
                    trailers[text[..<colon].lowercased()] = text[text.index(after: colon)...]
                        .trimmingCharacters(in: .whitespaces)
                }
            }
        }
    }

    private func parseHeader(_ line: Data) throws {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: ";", maxSplits: 1)
        guard let sizeText = parts.first, let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16),
            size >= 0
        else { throw Self.failure("bad chunk header \(text.prefix(80))") }
        chunkSignature = ""
        if parts.count == 2 {
            let extensionText = parts[1].trimmingCharacters(in: .whitespaces)
            if extensionText.hasPrefix("chunk-signature=") {
                chunkSignature = String(extensionText.dropFirst("chunk-signature=".count))
            }
        }
        if signing != nil && chunkSignature.isEmpty { throw Self.failure("a chunk has no chunk-signature") }
        hasher = SHA256()
        if size == 0 {
            try verifyChunk()
            state = .trailers
        } else {
            state = .data(remaining: size)
        }
    }

    private func verifyChunk() throws {
        guard let signing else { return }
        let digest = S3Encoding.hex(hasher.finalize())
        let expected = SigV4.signature(
            SigV4.chunkStringToSign(
                timestamp: signing.timestamp, scope: signing.scope, previousSignature: previousSignature,
                chunkHash: digest),
            key: signing.key)
        guard SigV4Verifier.constantTimeEquals(expected, chunkSignature.lowercased()) else {
            throw S3Error(
                code: "SignatureDoesNotMatch",
                message: "The chunk signature we calculated does not match the chunk-signature you provided.",
                status: .forbidden)
        }
        previousSignature = expected
    }

    private func finish() throws {
        state = .done
        if let expectedLength, decodedCount != expectedLength {
            throw Self.failure("it holds \(decodedCount) bytes, x-amz-decoded-content-length says \(expectedLength)")
        }
    }

    /// The next CRLF-terminated line (without CRLF); `nil` at the end of the body with nothing buffered.
    private func readLine() async throws -> Data? {
        while true {
            let start = buffer.startIndex + offset
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer.subdata(in: start..<end)
                offset = newline + 1 - buffer.startIndex
                return line
            }
            if buffer.count - offset > 8192 { throw Self.failure("a chunk header line is too long") }
            guard try await fill() else {
                if offset == buffer.count { return nil }
                throw Self.failure("the body ends inside a line")
            }
        }
    }

    /// Appends the next upstream piece (dropping what was consumed); `false` at the end.
    private func fill() async throws -> Bool {
        guard let next = try await upstream.next() else { return false }
        if offset == buffer.count {
            buffer = next
        } else {
            var rest = buffer.subdata(in: buffer.startIndex + offset..<buffer.endIndex)
            rest.append(next)
            buffer = rest
        }
        offset = 0
        return true
    }
}
