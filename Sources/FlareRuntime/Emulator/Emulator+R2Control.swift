import FlareWorkerAPI
import Foundation
import HTTPTypes

extension Emulator {
    /// `/cdn-cgi/local/r2/<bucket>/<key>`: `PUT` stores the body (`?contentType=` sets its type), `GET`
    /// returns it, `HEAD` its metadata, `DELETE` removes it; `GET /cdn-cgi/local/r2/<bucket>` lists
    /// keys (`?prefix=&limit=`).
    ///
    /// For scripts and the crash harness, which write objects without a worker in between. The key
    /// is the rest of the path, percent-decoded; R2's own validation refuses bad names.
    func r2Control(method: HTTPRequest.Method, path: String, query: [String: String], body: Data?) async throws
        -> WorkerResponse
    {
        let prefix = "/cdn-cgi/local/r2/"
        let rest = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : ""
        let bucketName = String(rest.prefix { $0 != "/" })
        guard !bucketName.isEmpty else {
            return .json(.array((resources?.buckets.keys.sorted() ?? []).map(JSONValue.string)))
        }
        guard let bucket = resources?.buckets[bucketName] else {
            return .text("No R2 bucket named \(bucketName)", status: .notFound)
        }
        let rawKey = String(rest.dropFirst(bucketName.count + 1))
        let key = rawKey.removingPercentEncoding ?? rawKey
        if key.isEmpty {
            guard method == .get else { return .text("An object key is required", status: .badRequest) }
            let listed = try await bucket.list(
                R2ListOptions(limit: query["limit"].flatMap(Int.init) ?? 1000, prefix: query["prefix"]))
            return .json([
                "keys": .array(listed.objects.map { .string($0.key) }), "truncated": .bool(listed.truncated),
            ])
        }
        switch method {
        case .put:
            var options = R2PutOptions()
            if let type = query["contentType"], !type.isEmpty {
                options.httpMetadata = R2HTTPMetadata(contentType: type)
            }
            guard let object = try await bucket.put(key, .bytes(body ?? Data()), options: options) else {
                return .text("Precondition failed", status: .preconditionFailed)
            }
            return .json(["key": .string(object.key), "size": .int(Int64(object.size)), "etag": .string(object.etag)])
        case .get:
            guard case .body(let found)? = try await bucket.get(key, options: R2GetOptions()) else {
                return .text("No object \(key)", status: .notFound)
            }
            var response = WorkerResponse(body: WorkerBody(data: try await found.bytes()))
            response.headers[.eTag] = found.object.httpEtag
            response.headers[.contentType] = found.object.httpMetadata?.contentType ?? "application/octet-stream"
            return response
        case .head:
            guard let object = try await bucket.head(key) else { return .text("", status: .notFound) }
            var response = WorkerResponse(status: .ok)
            response.headers[.eTag] = object.httpEtag
            response.headers[HTTPField.Name("X-Object-Size")!] = String(object.size)
            return response
        case .delete:
            try await bucket.delete([key])
            return .json(["deleted": .string(key)])
        default:
            return .text("Unknown R2 control route \(method.rawValue)", status: .methodNotAllowed)
        }
    }
}
