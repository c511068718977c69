import Foundation
import Synchronization

/// Hands a ``BlobSegmentReader`` to a body stream: chunks are decoded on demand as the consumer
/// pulls them, so a large object is never held whole in memory.
final class BlobBodyStream: Sendable {
    // The reader is only touched under this lock.
    private let reader: Mutex<BlobSegmentReader?>
    private let chunkSize: Int

    init(reader: consuming sending BlobSegmentReader, chunkSize: Int) {
        self.reader = Mutex(reader)
        self.chunkSize = chunkSize
    }

    /// The next chunk, or `nil` at the end (the reader and its descriptors are released then).
    func next() throws -> Data? {
        try reader.withLock { current -> Data? in
            guard let active = current else { return nil }
            let capacity = min(chunkSize, active.remaining)
            if capacity == 0 {
                current = nil
                return nil
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
            do {
                let count = try active.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: capacity))
                return Data(
                    bytesNoCopy: buffer, count: count, deallocator: .custom { pointer, _ in pointer.deallocate() })
            } catch {
                buffer.deallocate()
                current = nil
                throw error
            }
        }
    }

    /// The body as an async stream of chunks.
    func stream() -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream(unfolding: { try self.next() })
    }

    /// Reads everything into one buffer of exactly `length` bytes.
    static func readAll(_ reader: BlobSegmentReader, length: Int) throws -> Data {
        if length == 0 { return Data() }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 16)
        do {
            var filled = 0
            while filled < length {
                let n = try reader.read(
                    into: UnsafeMutableRawBufferPointer(start: buffer + filled, count: length - filled))
                if n == 0 { throw R2StorageError.corrupt("object shorter than its size") }
                filled += n
            }
        } catch {
            buffer.deallocate()
            throw error
        }
        return Data(bytesNoCopy: buffer, count: length, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }
}
