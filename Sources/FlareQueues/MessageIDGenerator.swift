import FlareWorkerAPI

/// Makes Miniflare-style message ids: 32 lowercase hex characters (128 random bits).
///
/// Seeded from the system generator once per batch, then xoshiro256**, so a `sendBatch` of
/// 100 makes two system calls rather than 200.
struct MessageIDGenerator {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private static let hex = Array("0123456789abcdef".utf8)

    init() {
        var system = SystemRandomNumberGenerator()
        let seed = system.next() as UInt64
        let seed2 = system.next() as UInt64
        state = (seed | 1, seed2 | 2, seed &* 0x9E37_79B9_7F4A_7C15, seed2 ^ 0xD1B5_4A32_D192_ED03)
        for _ in 0..<4 { _ = nextWord() }
    }

    private mutating func nextWord() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// Appends the next id (32 characters) to `arena`.
    mutating func write(into arena: inout ByteArena) {
        let words = (nextWord(), nextWord())
        arena.append(count: 32) { Self.writeHex(words, into: $0) }
    }

    private static func writeHex(_ words: (UInt64, UInt64), into buffer: UnsafeMutableBufferPointer<UInt8>) {
        for index in 0..<16 {
            let word = index < 8 ? words.0 : words.1
            let byte = UInt8(truncatingIfNeeded: word >> (UInt64(index % 8) * 8))
            buffer[index * 2] = hex[Int(byte >> 4)]
            buffer[index * 2 + 1] = hex[Int(byte & 0xF)]
        }
    }
}
