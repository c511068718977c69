import CBrotli
import Foundation

/// The bucket's blob directory: `<root>/v3/r2/<sanitised bucket>/blobs/<blobId>`, plus `tmp/` for
/// writes in progress. File names come from random blob ids, never from keys.
struct BlobStore: Sendable {
    /// `<root>/v3/r2/<sanitised bucket>`.
    let bucketDirectory: URL
    /// Where committed blobs live.
    let blobsDirectory: URL
    /// Where writes in progress live (emptied at open).
    let tmpDirectory: URL
    /// `blobsDirectory` as a path.
    private let blobsPath: String
    /// Whether blobs are synced before their rename.
    let syncWrites: Bool
    /// Blobs of at most this many stored bytes live in the index instead of a file (0: never).
    let inlineLimit: Int

    init(bucketDirectory: URL, syncWrites: Bool = true, inlineLimit: Int = 0) throws {
        self.syncWrites = syncWrites
        self.inlineLimit = inlineLimit
        self.bucketDirectory = bucketDirectory
        blobsDirectory = bucketDirectory.appendingPathComponent("blobs", isDirectory: true)
        blobsPath = blobsDirectory.path
        tmpDirectory = bucketDirectory.appendingPathComponent("tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: blobsDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tmpDirectory, withIntermediateDirectories: true)
    }

    /// A new blob id as Miniflare makes them: 32 random bytes and an 8-byte big-endian millisecond
    /// timestamp, in hex (80 characters).
    static func newBlobID(nowMilliseconds: Int64) -> String {
        var bytes = LocalR2Bucket.randomBytes(32)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((nowMilliseconds >> shift) & 0xff)) }
        return Hex.encode(bytes)
    }

    /// Whether `id` can name a file safely (ids from the index are checked before use).
    static func isSafeID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 200
            && id.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) }
    }

    /// The committed path of a blob.
    /// - Throws: `R2StorageError.corrupt` for an id that is not a plain alphanumeric name.
    func path(of id: String) throws -> String {
        guard Self.isSafeID(id) else { throw R2StorageError.corrupt("unsafe blob id") }
        return blobsPath + "/" + id
    }

    /// Opens a committed blob for reading.
    /// - Throws: `R2StorageError.io` when it cannot be opened.
    func open(_ id: String) throws -> Int32 {
        let fd = Foundation.open(try path(of: id), O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw R2StorageError.io("open blob", errno: errno) }
        return fd
    }

    /// Removes committed blobs (missing ones are ignored).
    func remove(_ ids: [String]) {
        for id in ids { if let path = try? path(of: id) { unlink(path) } }
    }

    /// Whether the first 64 KiB of `bytes` shrink enough at quality 1 to be worth compressing.
    static func probeShrinks(_ bytes: UnsafeRawBufferPointer, ratio: Double) -> Bool {
        let sample = min(bytes.count, 64 * 1024)
        if sample == 0 { return false }
        var outSize = BrotliEncoderMaxCompressedSize(sample)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: outSize)
        defer { out.deallocate() }
        let ok = BrotliEncoderCompress(
            1, 16, BROTLI_MODE_GENERIC, sample, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), &outSize, out)
        return ok == BROTLI_TRUE && Double(outSize) < Double(sample) * ratio
    }
}

/// Lowercase hexadecimal.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a hex string (invalid digits count as 0).
    static func decode(_ text: String) -> [UInt8] {
        func value(_ c: UInt8) -> UInt8 {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return 0
            }
        }
        let chars = Array(text.utf8)
        return stride(from: 0, to: chars.count - 1, by: 2).map { value(chars[$0]) << 4 | value(chars[$0 + 1]) }
    }

    /// Whether `text` is hex (either case) of an even length.
    static func isHex(_ text: String) -> Bool {
        text.utf8.count % 2 == 0
            && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }
}
