import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension Emulator {
    /// `api/r2` (buckets with logical and stored bytes), `api/r2/<bucket>?prefix=&delimiter=&cursor=`
    /// (a listing with each object's stored size), and `api/r2/<bucket>/meta|content|object?key=`
    /// (metadata; the body; `PUT` upload and `DELETE`, through the R2 control route).
    func inspectorR2(method: HTTPRequest.Method, parts: [String], query: [String: String], body: Data?)
        async throws -> WorkerResponse
    {
        let buckets = resources?.buckets ?? [:]
        let admin = R2Admin(persistRoot: options.persistRoot, clock: clock, logger: logger)
        guard let name = parts.first else {
            var list: [JSONValue] = []
            for bucket in buckets.keys.sorted() {
                var stats = try Self.jsonObject(try admin.stats(bucket: bucket))
                stats["bindings"] = .array(r2Bindings(storageName: bucket).map(JSONValue.string))
                list.append(.object(stats))
            }
            return .json(.array(list))
        }
        guard let bucket = buckets[name] else { return Self.apiError("No R2 bucket named \(name)", status: .notFound) }
        let action = parts.count > 1 ? parts[1] : ""
        if action.isEmpty && method == .get {
            return try await listing(bucket, admin: admin, query: query)
        }
        guard let key = query["key"], !key.isEmpty else { return Self.apiError("?key= is required") }
        switch (method, action) {
        case (.get, "meta"):
            guard let object = try await bucket.head(key) else {
                return Self.apiError("No object \(key)", status: .notFound)
            }
            return .json(.object(Self.describe(object, stored: try admin.blobEncodings(bucket: name)[key])))
        case (.get, "content"), (.put, "object"), (.delete, "object"):
            let encoded = key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key
            return try await r2Control(
                method: method, path: "/cdn-cgi/local/r2/\(name)/\(encoded)", query: query, body: body)
        default:
            return Self.apiError(
                "Unknown R2 route \(method.rawValue) \(parts.joined(separator: "/"))", status: .notFound)
        }
    }

    /// `worker.BINDING` for each binding of the bucket stored as `storageName`.
    func r2Bindings(storageName: String) -> [String] {
        configs.flatMap { config in
            config.r2Buckets.filter { $0.storageName == storageName }.map { "\(config.name).\($0.binding)" }
        }
    }

    private func listing(_ bucket: LocalR2Bucket, admin: R2Admin, query: [String: String]) async throws
        -> WorkerResponse
    {
        let listed = try await bucket.list(
            R2ListOptions(
                limit: query["limit"].flatMap(Int.init) ?? 100, prefix: query["prefix"],
                cursor: query["cursor"].flatMap { $0.isEmpty ? nil : $0 },
                delimiter: query["delimiter"].flatMap { $0.isEmpty ? nil : $0 }, include: [.httpMetadata]))
        let stored = try admin.blobEncodings(bucket: bucket.bucketName)
        return .json([
            "objects": .array(listed.objects.map { .object(Self.describe($0, stored: stored[$0.key])) }),
            "prefixes": .array(listed.delimitedPrefixes.map(JSONValue.string)),
            "truncated": .bool(listed.truncated),
            "cursor": listed.cursor.map(JSONValue.string) ?? .null,
        ])
    }

    /// An object's metadata with its stored size and encoding (`identity` or `br`) beside its logical size.
    static func describe(_ object: R2Object, stored: R2StoredBlobInfo?) -> [String: JSONValue] {
        var custom: [String: JSONValue] = [:]
        for (name, value) in object.customMetadata ?? [:] { custom[name] = .string(value) }
        return [
            "key": .string(object.key), "size": .int(Int64(object.size)),
            "storedSize": .int(Int64(stored?.storedSize ?? object.size)),
            "encoding": .string(stored?.encoding ?? "identity"), "etag": .string(object.etag),
            "version": .string(object.version),
            "uploaded": .string(ISO8601DateFormatter().string(from: object.uploaded)),
            "contentType": object.httpMetadata?.contentType.map(JSONValue.string) ?? .null,
            "customMetadata": .object(custom), "storageClass": .string(object.storageClass),
        ]
    }
}
