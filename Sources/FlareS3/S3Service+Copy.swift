import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension S3Service {
    /// `PUT /<bucket>/<key>` with `x-amz-copy-source`: CopyObject (metadata copied, or replaced with
    /// `x-amz-metadata-directive: REPLACE`; `x-amz-copy-source-if-*` conditions), streamed.
    func copyObject(_ bucket: LocalR2Bucket, key: String, _ request: S3Request) async throws -> S3Response {
        let found = try await copySource(request, ranged: false)
        var http = found.object.httpMetadata
        var custom = found.object.customMetadata
        if request.header("x-amz-metadata-directive")?.uppercased() == "REPLACE" {
            (http, custom) = Self.metadata(from: request)
        }
        let body = try found.stream()
        guard
            let object = try await bucket.put(
                key, .stream(body.chunks(), length: found.object.size),
                options: R2PutOptions(httpMetadata: http, customMetadata: custom))
        else { throw S3Error.preconditionFailed }
        var writer = S3XMLWriter()
        writer.open("CopyObjectResult", namespaced: true)
        writer.element("LastModified", S3Dates.iso(object.uploaded))
        writer.element("ETag", object.httpEtag)
        writer.close("CopyObjectResult")
        return .xml(writer.document)
    }

    /// `PUT /<bucket>/<key>?partNumber=N&uploadId=…` with `x-amz-copy-source`: UploadPartCopy (what
    /// `aws s3 cp s3://… s3://…` uses above 8 MiB), with `x-amz-copy-source-range`.
    func uploadPartCopy(_ bucket: LocalR2Bucket, key: String, _ request: S3Request) async throws -> S3Response {
        guard let number = request.queryValue("partNumber").flatMap(Int.init), (1...10000).contains(number) else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive")
        }
        let uploadId = request.queryValue("uploadId") ?? ""
        guard try await bucket.uploadedParts(key: key, uploadId: uploadId) != nil else { throw S3Error.noSuchUpload }
        let found = try await copySource(request, ranged: true)
        let length = found.object.range.flatMap { range -> Int? in
            if case .offset(_, let length) = range { return length }
            return nil
        }
        let body = try found.stream()
        let part = try await bucket.resumeMultipartUpload(key, uploadId: uploadId).uploadPart(
            number, .stream(body.chunks(), length: length ?? found.object.size))
        var writer = S3XMLWriter()
        writer.open("CopyPartResult", namespaced: true)
        writer.element("LastModified", S3Dates.iso(found.object.uploaded))
        writer.element("ETag", "\"\(part.etag)\"")
        writer.close("CopyPartResult")
        return .xml(writer.document)
    }

    /// The source of a copy (`x-amz-copy-source: [/]bucket/key`, percent-encoded), with the
    /// `x-amz-copy-source-if-*` conditions and, for part copies, `x-amz-copy-source-range`.
    /// - Throws: `NoSuchBucket`, `NoSuchKey`, `PreconditionFailed`, `InvalidArgument`.
    func copySource(_ request: S3Request, ranged: Bool) async throws -> R2ObjectBody {
        var source = S3Encoding.percentDecode(request.header("x-amz-copy-source") ?? "")
        if let question = source.firstIndex(of: "?") { source = String(source[..<question]) }
        if source.hasPrefix("/") { source.removeFirst() }
        guard let slash = source.firstIndex(of: "/") else {
            throw S3Error.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
        }
        let sourceBucket = try await self.bucket(String(source[..<slash]))
        let sourceKey = String(source[source.index(after: slash)...])
        var conditions = HTTPFields()
        conditions[.ifMatch] = request.header("x-amz-copy-source-if-match")
        conditions[.ifNoneMatch] = request.header("x-amz-copy-source-if-none-match")
        conditions[.ifModifiedSince] = request.header("x-amz-copy-source-if-modified-since")
        conditions[.ifUnmodifiedSince] = request.header("x-amz-copy-source-if-unmodified-since")
        var options = R2GetOptions(onlyIf: conditions.isEmpty ? nil : R2Conditional(headers: conditions))
        if ranged, let header = request.header("x-amz-copy-source-range") {
            guard let head = try await sourceBucket.head(sourceKey) else { throw S3Error.noSuchKey(sourceKey) }
            let range: Range<Int>?
            do { range = try Self.byteRange(header, size: head.size) } catch { range = nil }
            guard let range else {
                throw S3Error.invalidArgument(
                    "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
                )
            }
            options.range = .offset(range.lowerBound, length: range.count)
        }
        guard let result = try await sourceBucket.get(sourceKey, options: options) else {
            throw S3Error.noSuchKey(sourceKey)
        }
        guard case .body(let found) = result else { throw S3Error.preconditionFailed }
        return found
    }
}
