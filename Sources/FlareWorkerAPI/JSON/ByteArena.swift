/// A growable byte buffer written through a raw pointer: one allocation for many small writes.
///
/// The queue producers serialise a whole `sendBatch` (bodies and ids) into one arena, and SQLite
/// binds slices of it without copying them again. Growth moves the bytes, so callers keep offsets,
/// not pointers, until the last write.
package struct ByteArena: ~Copyable {
    /// The first byte; valid until the next write that grows the arena.
    package private(set) var base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    package private(set) var count = 0
    private var capacity: Int

    /// An empty arena with room for `capacity` bytes before it grows.
    package init(capacity: Int = 256) {
        self.capacity = max(capacity, 32)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes, so that the next `extra` unchecked appends are safe.
    @inline(__always)
    package mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Appends one byte within reserved room.
    @inline(__always)
    package mutating func appendUnchecked(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends one byte.
    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        reserve(1)
        appendUnchecked(byte)
    }

    /// Appends `bytes`.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Appends the bytes of a static string.
    package mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes `count` bytes at the end through `body`, which gets room for exactly that many.
    package mutating func append(count written: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        reserve(written)
        body(UnsafeMutableBufferPointer(start: base + count, count: written))
        count += written
    }

    /// Lets `body` write at most `limit` bytes at the end; it returns how many it wrote.
    package mutating func append(atMost limit: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        reserve(limit)
        count += min(limit, body(UnsafeMutableBufferPointer(start: base + count, count: limit)))
    }

    /// The bytes in `range`, valid until the next write that grows the arena.
    package func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// A copy of the bytes in `range`.
    package func array(_ range: Range<Int>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }
}
