import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension S3Service {
    /// `GET /`: ListBuckets.
    func listBuckets() async throws -> S3Response {
        let all = try await buckets.listBuckets()
        var writer = S3XMLWriter()
        writer.open("ListAllMyBucketsResult", namespaced: true)
        writer.open("Owner")
        writer.element("ID", "swiftflare")
        writer.element("DisplayName", "swiftflare")
        writer.close("Owner")
        writer.open("Buckets")
        for bucket in all {
            writer.open("Bucket")
            writer.element("Name", bucket.name)
            writer.element("CreationDate", S3Dates.iso(bucket.created))
            writer.close("Bucket")
        }
        writer.close("Buckets")
        writer.close("ListAllMyBucketsResult")
        return .xml(writer.document)
    }

    /// `PUT /<bucket>`: CreateBucket (a `CreateBucketConfiguration` body is read and ignored).
    func createBucket(_ name: String, _ request: S3Request) async throws -> S3Response {
        _ = try await request.body.collect(upTo: 64 * 1024)
        try await buckets.createBucket(name)
        var response = S3Response.empty()
        response.headers[.location] = "/\(name)"
        return response
    }

    /// `DELETE /<bucket>`: DeleteBucket (empty buckets only).
    func deleteBucket(_ name: String) async throws -> S3Response {
        try await buckets.deleteBucket(name)
        return .empty(.noContent)
    }

    /// `HEAD /<bucket>`: 200, or 404 without a body.
    func headBucket(_ name: String) async throws -> S3Response {
        _ = try await bucket(name)
        var response = S3Response.empty()
        response.headers[HTTPField.Name("x-amz-bucket-region")!] = "auto"
        return response
    }

    /// `GET /<bucket>` (`list-type=2`: ListObjectsV2; otherwise ListObjects v1), over R2's `list`.
    ///
    /// The continuation token is R2's cursor; `start-after` (v1: `marker`) maps to R2's `startAfter`.
    func listObjects(_ bucket: LocalR2Bucket, name: String, _ request: S3Request) async throws -> S3Response {
        let version2 = request.queryValue("list-type") == "2"
        let urlEncoded = request.queryValue("encoding-type") == "url"
        let prefix = request.queryValue("prefix") ?? ""
        let delimiter = request.queryValue("delimiter") ?? ""
        let maxKeysText = request.queryValue("max-keys") ?? "1000"
        guard let requested = Int(maxKeysText), requested >= 0 else {
            throw S3Error.invalidArgument("Provided max-keys not an integer or within integer range")
        }
        let maxKeys = min(requested, 1000)
        let token = version2 ? request.queryValue("continuation-token") : nil
        let startAfter = version2 ? request.queryValue("start-after") : request.queryValue("marker")
        var listed = R2Objects(objects: [], truncated: false, cursor: nil, delimitedPrefixes: [])
        if maxKeys > 0 {
            listed = try await bucket.list(
                R2ListOptions(
                    limit: maxKeys, prefix: prefix.isEmpty ? nil : prefix, cursor: token,
                    delimiter: delimiter.isEmpty ? nil : delimiter,
                    startAfter: startAfter?.isEmpty == false ? startAfter : nil))
        }
        let encode = { (text: String) in urlEncoded ? S3Encoding.uriEncode(text, keepSlash: true) : text }
        var writer = S3XMLWriter()
        writer.open("ListBucketResult", namespaced: true)
        writer.element("Name", name)
        writer.element("Prefix", encode(prefix))
        if !delimiter.isEmpty { writer.element("Delimiter", encode(delimiter)) }
        writer.element("MaxKeys", String(requested))
        if urlEncoded { writer.element("EncodingType", "url") }
        writer.element("IsTruncated", listed.truncated ? "true" : "false")
        if version2 {
            writer.element("KeyCount", String(listed.objects.count + listed.delimitedPrefixes.count))
            writer.element("ContinuationToken", token)
            if listed.truncated { writer.element("NextContinuationToken", listed.cursor) }
            if let startAfter, !startAfter.isEmpty { writer.element("StartAfter", encode(startAfter)) }
        } else {
            writer.element("Marker", encode(startAfter ?? ""))
            if listed.truncated, let last = Self.lastListedKey(listed) { writer.element("NextMarker", encode(last)) }
        }
        for object in listed.objects {
            writer.open("Contents")
            writer.element("Key", encode(object.key))
            writer.element("LastModified", S3Dates.iso(object.uploaded))
            writer.element("ETag", object.httpEtag)
            writer.element("Size", String(object.size))
            writer.element("StorageClass", "STANDARD")
            writer.close("Contents")
        }
        for group in listed.delimitedPrefixes {
            writer.open("CommonPrefixes")
            writer.element("Prefix", encode(group))
            writer.close("CommonPrefixes")
        }
        writer.close("ListBucketResult")
        return .xml(writer.document)
    }

    /// The greatest key or prefix of a page (v1's `NextMarker`).
    static func lastListedKey(_ listed: R2Objects) -> String? {
        let candidates = listed.objects.map(\.key) + listed.delimitedPrefixes
        return candidates.max { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
