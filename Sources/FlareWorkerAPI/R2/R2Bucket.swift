import Foundation

/// An R2 bucket binding (`[[r2_buckets]]`).
///
/// ```swift
/// let bucket = try env.r2("TIMESERIES_CACHE")
/// _ = try await bucket.put("a/b.json", .text(json), options: .init(customMetadata: ["site": "x"]))
/// if let object = try await bucket.get("a/b.json") { print(try await object.text()) }
/// ```
///
/// Cloudflare documentation: <https://developers.cloudflare.com/r2/api/workers/workers-api-reference/>
public protocol R2Bucket: Sendable {
    /// The object's metadata, or `nil` when the key is missing.
    /// - Throws: `R2Error` for an invalid key.
    func head(_ key: String) async throws -> R2Object?

    /// The object with its body; `.preconditionFailed` (metadata only) when `onlyIf` fails; `nil`
    /// when the key is missing.
    /// - Throws: `R2Error` for an invalid key or range.
    func get(_ key: String, options: R2GetOptions) async throws -> R2GetResult?

    /// Stores an object; `nil` when `onlyIf` fails.
    /// - Throws: `R2Error` (key or metadata too long, checksum mismatch, ...).
    func put(_ key: String, _ value: R2PutValue, options: R2PutOptions) async throws -> R2Object?

    /// Deletes keys (missing keys are ignored; all keys are validated first).
    /// - Throws: `R2Error` for an invalid key.
    func delete(_ keys: [String]) async throws

    /// Lists objects.
    /// - Throws: `R2Error` for invalid options.
    func list(_ options: R2ListOptions) async throws -> R2Objects

    /// Starts a multipart upload.
    /// - Throws: `R2Error` for an invalid key or metadata.
    func createMultipartUpload(_ key: String, options: R2MultipartOptions) async throws -> any R2MultipartUpload

    /// Resumes a multipart upload (makes no request).
    func resumeMultipartUpload(_ key: String, uploadId: String) -> any R2MultipartUpload
}

extension R2Bucket {
    /// The object with its body, or `nil` when missing.
    /// - Throws: `R2Error` for an invalid key.
    public func get(_ key: String) async throws -> R2ObjectBody? {
        switch try await get(key, options: R2GetOptions()) {
        case .body(let body)?: return body
        case .preconditionFailed?, nil: return nil
        }
    }

    /// Stores an object with default options.
    /// - Throws: `R2Error`.
    @discardableResult
    public func put(_ key: String, _ value: R2PutValue) async throws -> R2Object? {
        try await put(key, value, options: R2PutOptions())
    }

    /// Deletes one key.
    /// - Throws: `R2Error` for an invalid key.
    public func delete(_ key: String) async throws {
        try await delete([key])
    }

    /// Lists with default options (up to 1000 objects).
    /// - Throws: `R2Error`.
    public func list() async throws -> R2Objects {
        try await list(R2ListOptions())
    }
}

/// The outcome of `get`.
public enum R2GetResult: Sendable {
    /// The object and its body.
    case body(R2ObjectBody)
    /// `onlyIf` failed: the object's metadata without a body.
    case preconditionFailed(R2Object)

    /// The object's metadata in either case.
    public var object: R2Object {
        switch self {
        case .body(let body): return body.object
        case .preconditionFailed(let object): return object
        }
    }
}

/// A value to `put`.
public enum R2PutValue: Sendable {
    /// Bytes.
    case bytes(Data)
    /// UTF-8 text.
    case text(String)
    /// A stream of known length (R2 requires one).
    case stream(AsyncThrowingStream<Data, any Error>, length: Int)
    /// An empty object (`null` in JavaScript).
    case empty
}
