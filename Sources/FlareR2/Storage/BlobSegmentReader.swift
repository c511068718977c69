import CBrotli
import Foundation

/// Reads a byte range out of one or more stored blobs (several for a multipart object), decoding
/// Brotli on the fly. Whole segments before the range are skipped without reading them, and
/// decoding stops as soon as the range is served, so a ranged read only decompresses as far as it
/// needs.
///
/// Not thread-safe: used by one reader at a time (see ``BlobBodyStream``).
final class BlobSegmentReader {
    /// One stored blob: an open descriptor (or its inline bytes), how it is encoded and its
    /// logical size.
    struct Segment {
        /// The open blob file; -1 for an inline blob.
        var fd: Int32
        var encoding: BlobEncoding
        var size: Int
        /// The stored bytes of an inline blob.
        var inline: Data? = nil

        func close() { if fd >= 0 { Foundation.close(fd) } }
    }

    private var segments: [Segment]
    private var index = 0
    private var skip: Int
    private var position = 0
    private(set) var remaining: Int
    private var decoder: OpaquePointer?
    private var decoderFinished = false
    private let input: UnsafeMutablePointer<UInt8>
    // Below glibc's mmap threshold, so each reader's buffer is a plain malloc.
    private let inputCapacity = 64 * 1024
    private var inputStart = 0
    private var inputEnd = 0
    /// How far an inline Brotli blob has been fed to the decoder.
    private var inlineOffset = 0

    /// Creates a reader of `length` bytes from `offset` over `segments` (it takes ownership of the
    /// descriptors).
    init(segments: [Segment], offset: Int, length: Int) {
        var skip = offset
        var kept: [Segment] = []
        for segment in segments {
            if kept.isEmpty && skip >= segment.size {
                skip -= segment.size
                segment.close()
            } else {
                kept.append(segment)
            }
        }
        self.segments = kept
        self.skip = skip
        self.remaining = length
        self.input = .allocate(capacity: inputCapacity)
    }

    deinit {
        if let decoder { BrotliDecoderDestroyInstance(decoder) }
        for segment in segments[index...] { segment.close() }
        input.deallocate()
    }

    /// Fills `out` with the next bytes of the range; returns how many (0 at the end).
    /// - Throws: `R2StorageError` on I/O errors or a corrupt blob.
    func read(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < out.count && remaining > 0 {
            guard index < segments.count else { throw R2StorageError.corrupt("object shorter than its size") }
            let segment = segments[index]
            let room = min(out.count - written, remaining)
            let target = out.baseAddress! + written
            let produced: Int
            switch segment.encoding {
            case .identity: produced = try readIdentity(segment, into: target, count: room)
            case .brotli: produced = try readBrotli(segment, into: target, count: room)
            }
            if produced < 0 {
                nextSegment()
                continue
            }
            written += produced
            remaining -= produced
        }
        return written
    }

    private func nextSegment() {
        if let decoder { BrotliDecoderDestroyInstance(decoder) }
        decoder = nil
        decoderFinished = false
        segments[index].close()
        index += 1
        position = 0
        inlineOffset = 0
        skip = 0
        inputStart = 0
        inputEnd = 0
    }

    /// Returns the bytes read, or -1 when the segment is exhausted.
    private func readIdentity(_ segment: Segment, into target: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let start = position + skip
        let wanted = min(count, segment.size - start)
        if wanted <= 0 { return -1 }
        if let inline = segment.inline {
            guard start + wanted <= inline.count else { throw R2StorageError.corrupt("blob shorter than its size") }
            inline.copyBytes(
                to: target.assumingMemoryBound(to: UInt8.self),
                from: inline.startIndex + start..<inline.startIndex + start + wanted)
            position += wanted
            return wanted
        }
        let n = pread(segment.fd, target, wanted, off_t(start))
        if n < 0 { throw R2StorageError.io("pread", errno: errno) }
        if n == 0 { throw R2StorageError.corrupt("blob shorter than its size") }
        position += n
        return n
    }

    /// Returns the bytes decoded into `target`, or -1 when the segment's stream has ended.
    private func readBrotli(_ segment: Segment, into target: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if decoderFinished { return -1 }
        if decoder == nil {
            guard let created = BrotliDecoderCreateInstance(nil, nil, nil) else {
                throw R2StorageError.codec("decoder")
            }
            decoder = created
        }
        // Skipped bytes are decoded into the caller's buffer and dropped.
        while skip > 0 {
            let step = min(skip, count)
            let got = try decode(segment, into: target.assumingMemoryBound(to: UInt8.self), count: step)
            if got < 0 { throw R2StorageError.corrupt("range beyond the blob") }
            skip -= got
        }
        return try decode(segment, into: target.assumingMemoryBound(to: UInt8.self), count: count)
    }

    private func decode(_ segment: Segment, into target: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        var availableOut = count
        var nextOut: UnsafeMutablePointer<UInt8>? = target
        while availableOut > 0 {
            var availableIn = inputEnd - inputStart
            var nextIn: UnsafePointer<UInt8>? = UnsafePointer(input + inputStart)
            let result = BrotliDecoderDecompressStream(
                decoder, &availableIn, &nextIn, &availableOut, &nextOut, nil)
            inputStart = inputEnd - availableIn
            switch result {
            case BROTLI_DECODER_RESULT_SUCCESS:
                decoderFinished = true
                let produced = count - availableOut
                return produced > 0 ? produced : -1
            case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
                continue
            case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
                let n: Int
                if let inline = segment.inline {
                    n = min(inputCapacity, inline.count - inlineOffset)
                    let from = inline.startIndex + inlineOffset
                    inline.copyBytes(to: input, from: from..<from + n)
                    inlineOffset += n
                } else {
                    n = Foundation.read(segment.fd, input, inputCapacity)
                }
                if n < 0 { throw R2StorageError.io("read", errno: errno) }
                if n == 0 { throw R2StorageError.corrupt("truncated Brotli stream") }
                inputStart = 0
                inputEnd = n
            default:
                throw R2StorageError.codec("decompress")
            }
        }
        return count
    }
}

extension BlobSegmentReader {
    /// Decodes a whole Brotli blob held in memory into a buffer of exactly `size` bytes.
    /// - Throws: `R2StorageError.corrupt` when the stream does not decode to `size` bytes.
    static func decompress(_ stored: Data, size: Int) throws -> Data {
        if size == 0 { return Data() }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var produced = size
        let result = stored.withUnsafeBytes { input in
            BrotliDecoderDecompress(
                input.count, input.bindMemory(to: UInt8.self).baseAddress, &produced,
                buffer.assumingMemoryBound(to: UInt8.self))
        }
        guard result == BROTLI_DECODER_RESULT_SUCCESS, produced == size else {
            buffer.deallocate()
            throw R2StorageError.corrupt("inline blob does not decode to its size")
        }
        return Data(bytesNoCopy: buffer, count: size, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }
}
