import CBrotli
import Foundation

/// A streaming Brotli encoder over `BrotliEncoderCompressStream`; output goes to a sink in chunks,
/// so memory stays bounded whatever the input size.
final class BrotliEncoder {
    private let state: OpaquePointer
    private let output: UnsafeMutablePointer<UInt8>
    // Below glibc's mmap threshold: a plain malloc, no fresh pages to fault in on every put.
    private let outputCapacity = 64 * 1024

    /// Creates an encoder.
    /// - Parameters:
    ///   - quality: 0...11.
    ///   - windowBits: 10...24.
    ///   - sizeHint: the expected input size (helps the encoder size its tables).
    ///   - text: whether the input is UTF-8 text (`BROTLI_MODE_TEXT`).
    init(quality: Int32, windowBits: Int32, sizeHint: Int, text: Bool) throws {
        guard let state = BrotliEncoderCreateInstance(nil, nil, nil) else { throw R2StorageError.codec("encoder") }
        self.state = state
        BrotliEncoderSetParameter(state, BROTLI_PARAM_QUALITY, UInt32(quality))
        BrotliEncoderSetParameter(state, BROTLI_PARAM_LGWIN, UInt32(windowBits))
        BrotliEncoderSetParameter(state, BROTLI_PARAM_SIZE_HINT, UInt32(clamping: sizeHint))
        if text { BrotliEncoderSetParameter(state, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT.rawValue) }
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        BrotliEncoderDestroyInstance(state)
        output.deallocate()
    }

    /// Feeds `input`; with `finish`, also ends the stream. Each produced chunk goes to `sink`.
    /// - Throws: `R2StorageError.codec` when the encoder fails, or what `sink` throws.
    func compress(
        _ input: UnsafeRawBufferPointer, finish: Bool, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var availableIn = input.count
        var nextIn = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let operation = finish ? BROTLI_OPERATION_FINISH : BROTLI_OPERATION_PROCESS
        while true {
            var availableOut = outputCapacity
            var nextOut: UnsafeMutablePointer<UInt8>? = output
            guard
                BrotliEncoderCompressStream(state, operation, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    == BROTLI_TRUE
            else { throw R2StorageError.codec("compress") }
            let produced = outputCapacity - availableOut
            if produced > 0 { try sink(UnsafeRawBufferPointer(start: output, count: produced)) }
            let more = BrotliEncoderHasMoreOutput(state) == BROTLI_TRUE
            if availableIn == 0 && !more && (!finish || BrotliEncoderIsFinished(state) == BROTLI_TRUE) { return }
        }
    }

    /// Compresses a body held in memory in one call, as the plan says; `nil` when the result would
    /// not be smaller than the input.
    static func compressOnce(_ input: UnsafeRawBufferPointer, plan: CompressionPlan) -> Data? {
        guard input.count > 0, let base = input.baseAddress else { return nil }
        var outSize = BrotliEncoderMaxCompressedSize(input.count)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: outSize)
        defer { out.deallocate() }
        let ok = BrotliEncoderCompress(
            plan.quality, plan.windowBits, plan.text ? BROTLI_MODE_TEXT : BROTLI_MODE_GENERIC, input.count,
            base.assumingMemoryBound(to: UInt8.self), &outSize, out)
        guard ok == BROTLI_TRUE, outSize < input.count else { return nil }
        return Data(bytes: out, count: outSize)
    }
}
