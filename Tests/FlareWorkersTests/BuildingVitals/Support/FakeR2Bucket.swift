import Crypto
import FlareWorkerAPI
import Foundation

/// A test-only in-memory R2 bucket with production listing semantics: `list` returns metadata only
/// when `include` asks for it (the point of §9.15). Until `LocalR2Bucket` is merged.
actor FakeR2Bucket: R2Bucket {
    private var objects: [String: (object: R2Object, body: Data)] = [:]
    private let clock: any FlareClock
    private(set) var calls: [String] = []

    init(clock: any FlareClock) {
        self.clock = clock
    }

    func head(_ key: String) async throws -> R2Object? {
        calls.append("head")
        return objects[key]?.object
    }

    func get(_ key: String, options: R2GetOptions) async throws -> R2GetResult? {
        calls.append("get")
        try Self.validate(key, action: "get")
        guard let stored = objects[key] else { return nil }
        return .body(R2ObjectBody(object: stored.object, body: WorkerBody(data: stored.body)))
    }

    func put(_ key: String, _ value: R2PutValue, options: R2PutOptions) async throws -> R2Object? {
        calls.append("put")
        try Self.validate(key, action: "put")
        let data: Data
        switch value {
        case .bytes(let bytes): data = bytes
        case .text(let text): data = Data(text.utf8)
        case .empty: data = Data()
        case .stream(let stream, _): data = try await WorkerBody(stream: stream).collect()
        }
        let digest = Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let object = R2Object(
            key: key, version: UUID().uuidString, size: data.count, etag: digest, uploaded: clock.now(),
            httpMetadata: options.httpMetadata ?? R2HTTPMetadata(), customMetadata: options.customMetadata ?? [:]
        )
        objects[key] = (object, data)
        return object
    }

    func delete(_ keys: [String]) async throws {
        calls.append("delete")
        for key in keys { objects[key] = nil }
    }

    func list(_ options: R2ListOptions) async throws -> R2Objects {
        calls.append("list")
        let limit = options.limit ?? 1000
        let keys = objects.keys.sorted().filter { key in
            key.hasPrefix(options.prefix ?? "") && (options.cursor.map { key > $0 } ?? true)
        }
        let page = keys.prefix(limit).map { key -> R2Object in
            var object = objects[key]!.object
            if !options.include.contains(.customMetadata) { object.customMetadata = nil }
            if !options.include.contains(.httpMetadata) { object.httpMetadata = nil }
            return object
        }
        let truncated = keys.count > limit
        return R2Objects(
            objects: page, truncated: truncated, cursor: truncated ? page.last?.key : nil, delimitedPrefixes: []
        )
    }

    func createMultipartUpload(_ key: String, options: R2MultipartOptions) async throws -> any R2MultipartUpload {
        throw R2Error(code: 0, message: "FakeR2Bucket has no multipart uploads")
    }

    nonisolated func resumeMultipartUpload(_ key: String, uploadId: String) -> any R2MultipartUpload {
        FakeMultipartUpload(key: key, uploadId: uploadId)
    }

    /// R2 refuses keys over 1024 bytes.
    private static func validate(_ key: String, action: String) throws {
        if key.utf8.count > 1024 {
            throw R2Error.api(action: action, message: "The specified object name is not valid.", code: 10020)
        }
    }

    /// Replaces an object's `generatedTime`, to age it.
    func setGeneratedTime(_ key: String, _ value: String?) {
        objects[key]?.object.customMetadata?["generatedTime"] = value
    }

    /// The raw stored bytes.
    func storedBody(_ key: String) -> Data? { objects[key]?.body }

    /// Every key.
    var keys: [String] { objects.keys.sorted() }
}

/// Multipart is out of scope for the fake.
struct FakeMultipartUpload: R2MultipartUpload {
    let key: String
    let uploadId: String

    func uploadPart(_ partNumber: Int, _ value: R2PutValue) async throws -> R2UploadedPart {
        throw R2Error(code: 0, message: "unsupported")
    }

    func abort() async throws {}

    func complete(_ parts: [R2UploadedPart]) async throws -> R2Object {
        throw R2Error(code: 0, message: "unsupported")
    }
}
