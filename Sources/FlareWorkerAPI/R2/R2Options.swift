import Foundation
import HTTPTypes

/// Conditions for `get`/`put` (`onlyIf`).
public struct R2Conditional: Sendable, Hashable {
    /// Proceed only if the ETag matches (If-Match).
    public var etagMatches: String?
    /// Proceed only if the ETag does not match (If-None-Match).
    public var etagDoesNotMatch: String?
    /// Proceed only if uploaded before this time (If-Unmodified-Since).
    public var uploadedBefore: Date?
    /// Proceed only if uploaded after this time (If-Modified-Since).
    public var uploadedAfter: Date?
    /// Compare times at one-second granularity (set when conditions come from HTTP headers).
    public var secondsGranularity: Bool
    /// Whether the ETags are HTTP header lists (`"a", W/"b"`, `*`) rather than bare ETags; set by
    /// ``init(headers:)``. Bare ETags must not be quoted.
    public var fromHeaders = false

    /// Creates a conditional.
    public init(
        etagMatches: String? = nil, etagDoesNotMatch: String? = nil, uploadedBefore: Date? = nil,
        uploadedAfter: Date? = nil, secondsGranularity: Bool = false
    ) {
        self.etagMatches = etagMatches
        self.etagDoesNotMatch = etagDoesNotMatch
        self.uploadedBefore = uploadedBefore
        self.uploadedAfter = uploadedAfter
        self.secondsGranularity = secondsGranularity
    }
}

/// Options of `get`.
public struct R2GetOptions: Sendable, Hashable {
    /// Conditions.
    public var onlyIf: R2Conditional?
    /// A byte range.
    public var range: R2Range?
    /// A `Range` header (`bytes=3-6`, `bytes=10-`, `bytes=-5`), used when ``range`` is `nil`. As in
    /// R2, a missing, invalid, unsatisfiable or multi-range header serves the whole object.
    public var rangeHeader: String?

    /// Creates options.
    public init(onlyIf: R2Conditional? = nil, range: R2Range? = nil) {
        self.onlyIf = onlyIf
        self.range = range
    }

    /// Creates options from a request's conditional and `Range` headers.
    public init(headers: HTTPFields) {
        self.init(onlyIf: R2Conditional(headers: headers))
        rangeHeader = headers[.range]
    }
}

/// Options of `put`.
public struct R2PutOptions: Sendable, Hashable {
    /// HTTP metadata.
    public var httpMetadata: R2HTTPMetadata?
    /// Custom metadata (2048 bytes at most in all).
    public var customMetadata: [String: String]?
    /// Expected checksums (hex); only one algorithm may be given.
    public var checksums: R2Checksums
    /// Conditions.
    public var onlyIf: R2Conditional?
    /// The storage class (`Standard` or `InfrequentAccess`).
    public var storageClass: String?

    /// Creates options.
    public init(
        httpMetadata: R2HTTPMetadata? = nil, customMetadata: [String: String]? = nil,
        checksums: R2Checksums = R2Checksums(), onlyIf: R2Conditional? = nil, storageClass: String? = nil
    ) {
        self.httpMetadata = httpMetadata
        self.customMetadata = customMetadata
        self.checksums = checksums
        self.onlyIf = onlyIf
        self.storageClass = storageClass
    }
}

/// What `list` includes besides the basic fields.
public enum R2ListInclude: String, Sendable, Hashable {
    /// HTTP metadata.
    case httpMetadata
    /// Custom metadata.
    case customMetadata
}

/// Options of `list`.
public struct R2ListOptions: Sendable, Hashable {
    /// At most this many objects and prefixes (1...1000, default 1000).
    public var limit: Int?
    /// Only keys with this prefix.
    public var prefix: String?
    /// Continue from a previous `truncated` list.
    public var cursor: String?
    /// Group keys by this delimiter into `delimitedPrefixes`.
    public var delimiter: String?
    /// Only keys after this one.
    public var startAfter: String?
    /// Metadata to include.
    public var include: [R2ListInclude]

    /// Creates options.
    public init(
        limit: Int? = nil, prefix: String? = nil, cursor: String? = nil, delimiter: String? = nil,
        startAfter: String? = nil, include: [R2ListInclude] = []
    ) {
        self.limit = limit
        self.prefix = prefix
        self.cursor = cursor
        self.delimiter = delimiter
        self.startAfter = startAfter
        self.include = include
    }
}

/// The result of `list`.
public struct R2Objects: Sendable, Hashable {
    /// The objects.
    public var objects: [R2Object]
    /// Whether there are more.
    public var truncated: Bool
    /// The cursor for the next page (when truncated).
    public var cursor: String?
    /// Common prefixes when a delimiter was given.
    public var delimitedPrefixes: [String]

    /// Creates a list result.
    public init(objects: [R2Object], truncated: Bool, cursor: String?, delimitedPrefixes: [String]) {
        self.objects = objects
        self.truncated = truncated
        self.cursor = cursor
        self.delimitedPrefixes = delimitedPrefixes
    }
}

/// Options of `createMultipartUpload`.
public struct R2MultipartOptions: Sendable, Hashable {
    /// HTTP metadata.
    public var httpMetadata: R2HTTPMetadata?
    /// Custom metadata.
    public var customMetadata: [String: String]?
    /// The storage class.
    public var storageClass: String?

    /// Creates options.
    public init(
        httpMetadata: R2HTTPMetadata? = nil, customMetadata: [String: String]? = nil, storageClass: String? = nil
    ) {
        self.httpMetadata = httpMetadata
        self.customMetadata = customMetadata
        self.storageClass = storageClass
    }
}

/// A multipart upload in progress.
public protocol R2MultipartUpload: Sendable {
    /// The key being uploaded.
    var key: String { get }
    /// The upload id.
    var uploadId: String { get }
    /// Uploads part `partNumber` (1...10000).
    /// - Throws: `R2Error` (bad part number, upload not found).
    func uploadPart(_ partNumber: Int, _ value: R2PutValue) async throws -> R2UploadedPart
    /// Abandons the upload.
    /// - Throws: `R2Error` when the upload is unknown.
    func abort() async throws
    /// Completes the upload from `parts`.
    /// - Throws: `R2Error` (part too small, unknown part, upload not found).
    func complete(_ parts: [R2UploadedPart]) async throws -> R2Object
}

/// A part returned by `uploadPart`.
public struct R2UploadedPart: Sendable, Hashable, Codable {
    /// The part number.
    public var partNumber: Int
    /// The part's ETag.
    public var etag: String

    /// Creates a part reference.
    public init(partNumber: Int, etag: String) {
        self.partNumber = partNumber
        self.etag = etag
    }
}
