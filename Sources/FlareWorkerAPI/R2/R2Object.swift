import Foundation
import Synchronization

/// An object's metadata, as `head`, `list` and `put` return it.
public struct R2Object: Sendable, Hashable {
    /// The key.
    public var key: String
    /// A unique id of this version.
    public var version: String
    /// The size in bytes (logical, uncompressed).
    public var size: Int
    /// The ETag (hex MD5 for single uploads; `<md5 of part md5s>-<parts>` for multipart).
    public var etag: String
    /// When it was uploaded.
    public var uploaded: Date
    /// HTTP metadata; `nil` when a `list` did not include it.
    public var httpMetadata: R2HTTPMetadata?
    /// Custom metadata; `nil` when a `list` did not include it.
    public var customMetadata: [String: String]?
    /// The range returned, for ranged `get`s.
    public var range: R2Range?
    /// Checksums stored with the object.
    public var checksums: R2Checksums
    /// The storage class (`Standard` locally).
    public var storageClass: String

    /// Creates object metadata.
    public init(
        key: String, version: String, size: Int, etag: String, uploaded: Date,
        httpMetadata: R2HTTPMetadata? = R2HTTPMetadata(), customMetadata: [String: String]? = [:],
        range: R2Range? = nil, checksums: R2Checksums = R2Checksums(), storageClass: String = "Standard"
    ) {
        self.key = key
        self.version = version
        self.size = size
        self.etag = etag
        self.uploaded = uploaded
        self.httpMetadata = httpMetadata
        self.customMetadata = customMetadata
        self.range = range
        self.checksums = checksums
        self.storageClass = storageClass
    }

    /// The ETag in quotes, for HTTP headers.
    public var httpEtag: String { "\"\(etag)\"" }
}

/// An object with its body. The body can be read once.
public final class R2ObjectBody: Sendable {
    /// The object's metadata.
    public let object: R2Object
    private let body: Mutex<WorkerBody?>

    /// Creates an object body.
    public init(object: R2Object, body: WorkerBody) {
        self.object = object
        self.body = Mutex(body)
    }

    /// Whether the body has been read.
    public var bodyUsed: Bool { body.withLock { $0 == nil } }

    /// Takes the body stream.
    /// - Throws: `R2Error.bodyUsed` when it was already read.
    public func stream() throws -> WorkerBody {
        let taken = body.withLock { current -> WorkerBody? in
            defer { current = nil }
            return current
        }
        guard let taken else { throw R2Error.bodyUsed }
        return taken
    }

    /// Reads the whole body.
    /// - Throws: `R2Error.bodyUsed`, or a storage error.
    public func bytes() async throws -> Data { try await stream().collect() }

    /// Reads the whole body as UTF-8 text.
    /// - Throws: as ``bytes()``.
    public func text() async throws -> String { String(decoding: try await bytes(), as: UTF8.self) }

    /// Reads and parses the body as JSON.
    /// - Throws: as ``bytes()``, or `DecodingError`.
    public func json() async throws -> JSONValue { try JSONValue(parsing: try await bytes()) }

    /// Reads and decodes the body as JSON into `T`.
    /// - Throws: as ``bytes()``, or `DecodingError`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) async throws -> T {
        try JSONDecoder().decode(T.self, from: try await bytes())
    }
}

/// Standard HTTP metadata of an object.
public struct R2HTTPMetadata: Sendable, Hashable, Codable {
    /// Content-Type.
    public var contentType: String?
    /// Content-Language.
    public var contentLanguage: String?
    /// Content-Disposition.
    public var contentDisposition: String?
    /// Content-Encoding.
    public var contentEncoding: String?
    /// Cache-Control.
    public var cacheControl: String?
    /// Expires.
    public var cacheExpiry: Date?

    /// Creates HTTP metadata.
    public init(
        contentType: String? = nil, contentLanguage: String? = nil, contentDisposition: String? = nil,
        contentEncoding: String? = nil, cacheControl: String? = nil, cacheExpiry: Date? = nil
    ) {
        self.contentType = contentType
        self.contentLanguage = contentLanguage
        self.contentDisposition = contentDisposition
        self.contentEncoding = contentEncoding
        self.cacheControl = cacheControl
        self.cacheExpiry = cacheExpiry
    }
}

/// Checksums of an object, as hex strings.
public struct R2Checksums: Sendable, Hashable, Codable {
    /// MD5.
    public var md5: String?
    /// SHA-1.
    public var sha1: String?
    /// SHA-256.
    public var sha256: String?
    /// SHA-384.
    public var sha384: String?
    /// SHA-512.
    public var sha512: String?

    /// Creates checksums.
    public init(
        md5: String? = nil, sha1: String? = nil, sha256: String? = nil, sha384: String? = nil, sha512: String? = nil
    ) {
        self.md5 = md5
        self.sha1 = sha1
        self.sha256 = sha256
        self.sha384 = sha384
        self.sha512 = sha512
    }
}

/// A byte range of an object.
public enum R2Range: Sendable, Hashable {
    /// From `offset`, `length` bytes (to the end when `nil`).
    case offset(Int, length: Int?)
    /// The last `suffix` bytes.
    case suffix(Int)
}
