import CBrotli
import Foundation

/// Real compressed bodies for the decompression tests.
enum Compression {
    /// Brotli, via libbrotlienc.
    static func brotli(_ data: Data) -> Data {
        var size = BrotliEncoderMaxCompressedSize(data.count)
        var output = [UInt8](repeating: 0, count: size)
        let ok = data.withUnsafeBytes { input in
            BrotliEncoderCompress(
                5, Int32(BROTLI_DEFAULT_WINDOW), BROTLI_MODE_GENERIC, data.count,
                input.bindMemory(to: UInt8.self).baseAddress, &size, &output)
        }
        precondition(ok == BROTLI_TRUE)
        return Data(output[0..<size])
    }

    /// gzip (RFC 1952) with stored deflate blocks: a valid stream any gzip decoder must read.
    static func gzip(_ data: Data) -> Data {
        var out = Data([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
        var offset = 0
        repeat {
            let count = min(65535, data.count - offset)
            let final: UInt8 = offset + count >= data.count ? 1 : 0
            out.append(final)
            out.append(contentsOf: [UInt8(count & 0xff), UInt8(count >> 8)])
            out.append(contentsOf: [UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)])
            out.append(data[(data.startIndex + offset)..<(data.startIndex + offset + count)])
            offset += count
        } while offset < data.count
        let crc = crc32(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for value in [crc, size] {
            out.append(contentsOf: [0, 8, 16, 24].map { UInt8((value >> UInt32($0)) & 0xff) })
        }
        return out
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xedb8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
