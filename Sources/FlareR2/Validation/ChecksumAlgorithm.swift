import Crypto
import FlareWorkerAPI
import Foundation

/// The hash algorithms `put` can verify.
enum ChecksumAlgorithm: CaseIterable, Sendable {
    case md5, sha1, sha256, sha384, sha512

    /// The name in R2's messages.
    var displayName: String {
        switch self {
        case .md5: return "MD5"
        case .sha1: return "SHA-1"
        case .sha256: return "SHA-256"
        case .sha384: return "SHA-384"
        case .sha512: return "SHA-512"
        }
    }

    /// The digest length in bytes.
    var byteCount: Int {
        switch self {
        case .md5: return 16
        case .sha1: return 20
        case .sha256: return 32
        case .sha384: return 48
        case .sha512: return 64
        }
    }

    /// The value given for this algorithm in `checksums`.
    func value(in checksums: R2Checksums) -> String? {
        switch self {
        case .md5: return checksums.md5
        case .sha1: return checksums.sha1
        case .sha256: return checksums.sha256
        case .sha384: return checksums.sha384
        case .sha512: return checksums.sha512
        }
    }

    /// Stores `hex` for this algorithm.
    func set(_ hex: String, in checksums: inout R2Checksums) {
        switch self {
        case .md5: checksums.md5 = hex
        case .sha1: checksums.sha1 = hex
        case .sha256: checksums.sha256 = hex
        case .sha384: checksums.sha384 = hex
        case .sha512: checksums.sha512 = hex
        }
    }
}

/// Incremental MD5 (always, for the ETag) plus, optionally, one caller-requested algorithm.
struct ObjectHasher {
    private var md5 = Insecure.MD5()
    private var extra: Extra?

    private enum Extra {
        case sha1(Insecure.SHA1)
        case sha256(SHA256)
        case sha384(SHA384)
        case sha512(SHA512)
    }

    init(extra algorithm: ChecksumAlgorithm?) {
        switch algorithm {
        case .sha1?: extra = .sha1(Insecure.SHA1())
        case .sha256?: extra = .sha256(SHA256())
        case .sha384?: extra = .sha384(SHA384())
        case .sha512?: extra = .sha512(SHA512())
        case .md5?, nil: extra = nil
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        md5.update(bufferPointer: bytes)
        switch extra {
        case .sha1(var hasher)?:
            hasher.update(bufferPointer: bytes)
            extra = .sha1(hasher)
        case .sha256(var hasher)?:
            hasher.update(bufferPointer: bytes)
            extra = .sha256(hasher)
        case .sha384(var hasher)?:
            hasher.update(bufferPointer: bytes)
            extra = .sha384(hasher)
        case .sha512(var hasher)?:
            hasher.update(bufferPointer: bytes)
            extra = .sha512(hasher)
        case nil: break
        }
    }

    /// The MD5 digest bytes and the extra digest in hex.
    func finalize() -> (md5: [UInt8], extra: String?) {
        let md5Bytes = Array(md5.finalize())
        switch extra {
        case .sha1(let hasher)?: return (md5Bytes, Hex.encode(hasher.finalize()))
        case .sha256(let hasher)?: return (md5Bytes, Hex.encode(hasher.finalize()))
        case .sha384(let hasher)?: return (md5Bytes, Hex.encode(hasher.finalize()))
        case .sha512(let hasher)?: return (md5Bytes, Hex.encode(hasher.finalize()))
        case nil: return (md5Bytes, nil)
        }
    }
}
