import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension S3Service {
    /// `POST /<bucket>/<key>?uploads`: CreateMultipartUpload.
    func createMultipartUpload(_ bucket: LocalR2Bucket, name: String, key: String, _ request: S3Request)
        async throws -> S3Response
    {
        let (http, custom) = Self.metadata(from: request)
        let upload = try await bucket.createMultipartUpload(
            key, options: R2MultipartOptions(httpMetadata: http, customMetadata: custom))
        var writer = S3XMLWriter()
        writer.open("InitiateMultipartUploadResult", namespaced: true)
        writer.element("Bucket", name)
        writer.element("Key", key)
        writer.element("UploadId", upload.uploadId)
        writer.close("InitiateMultipartUploadResult")
        return .xml(writer.document)
    }

    /// `PUT /<bucket>/<key>?partNumber=N&uploadId=…`: UploadPart, streamed.
    func uploadPart(_ bucket: LocalR2Bucket, key: String, _ request: S3Request, verified: SigV4Verifier.Verified)
        async throws -> S3Response
    {
        guard let number = request.queryValue("partNumber").flatMap(Int.init), (1...10000).contains(number) else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive")
        }
        let uploadId = request.queryValue("uploadId") ?? ""
        let value = try Self.bodyValue(request, verified: verified)
        let part = try await bucket.resumeMultipartUpload(key, uploadId: uploadId).uploadPart(number, value)
        var response = S3Response.empty()
        response.headers[.eTag] = "\"\(part.etag)\""
        return response
    }

    /// `POST /<bucket>/<key>?uploadId=…`: CompleteMultipartUpload from the `<Part>` list.
    func completeMultipartUpload(_ bucket: LocalR2Bucket, name: String, key: String, _ request: S3Request)
        async throws -> S3Response
    {
        let uploadId = request.queryValue("uploadId") ?? ""
        let body = try await request.body.collect(upTo: 4 * 1024 * 1024)
        guard let root = S3XMLReader.parse(body), root.name == "CompleteMultipartUpload" else {
            throw S3Error.malformedXML
        }
        var parts: [R2UploadedPart] = []
        for element in root.all("Part") {
            guard let number = element.value("PartNumber").flatMap(Int.init), var etag = element.value("ETag") else {
                throw S3Error.malformedXML
            }
            etag = etag.trimmingCharacters(in: .whitespaces)
            if etag.count >= 2, etag.hasPrefix("\""), etag.hasSuffix("\"") {
                etag = String(etag.dropFirst().dropLast())
            }
            if let last = parts.last, last.partNumber >= number { throw S3Error.invalidPartOrder }
            parts.append(R2UploadedPart(partNumber: number, etag: etag))
        }
        guard !parts.isEmpty else { throw S3Error.malformedXML }
        guard try await bucket.uploadedParts(key: key, uploadId: uploadId) != nil else { throw S3Error.noSuchUpload }
        let object = try await bucket.resumeMultipartUpload(key, uploadId: uploadId).complete(parts)
        var writer = S3XMLWriter()
        writer.open("CompleteMultipartUploadResult", namespaced: true)
        writer.element("Location", "\(pathPrefix)/\(name)/\(S3Encoding.uriEncode(key, keepSlash: true))")
        writer.element("Bucket", name)
        writer.element("Key", key)
        writer.element("ETag", object.httpEtag)
        writer.close("CompleteMultipartUploadResult")
        return .xml(writer.document)
    }

    /// `DELETE /<bucket>/<key>?uploadId=…`: AbortMultipartUpload.
    func abortMultipartUpload(_ bucket: LocalR2Bucket, key: String, _ request: S3Request) async throws -> S3Response {
        let uploadId = request.queryValue("uploadId") ?? ""
        guard try await bucket.uploadedParts(key: key, uploadId: uploadId) != nil else { throw S3Error.noSuchUpload }
        try await bucket.resumeMultipartUpload(key, uploadId: uploadId).abort()
        return .empty(.noContent)
    }

    /// `GET /<bucket>/<key>?uploadId=…`: ListParts (`max-parts`, `part-number-marker`).
    func listParts(_ bucket: LocalR2Bucket, name: String, key: String, _ request: S3Request) async throws
        -> S3Response
    {
        let uploadId = request.queryValue("uploadId") ?? ""
        guard let all = try await bucket.uploadedParts(key: key, uploadId: uploadId) else { throw S3Error.noSuchUpload }
        let maxParts = min(max(request.queryValue("max-parts").flatMap(Int.init) ?? 1000, 0), 1000)
        let marker = request.queryValue("part-number-marker").flatMap(Int.init) ?? 0
        let after = all.filter { $0.partNumber > marker }
        let page = after.prefix(maxParts)
        let now = S3Dates.iso(Date(timeIntervalSince1970: Double(verifier.clock.nowMilliseconds()) / 1000))
        var writer = S3XMLWriter()
        writer.open("ListPartsResult", namespaced: true)
        writer.element("Bucket", name)
        writer.element("Key", key)
        writer.element("UploadId", uploadId)
        writer.element("PartNumberMarker", String(marker))
        if let last = page.last { writer.element("NextPartNumberMarker", String(last.partNumber)) }
        writer.element("MaxParts", String(maxParts))
        writer.element("IsTruncated", after.count > page.count ? "true" : "false")
        writer.element("StorageClass", "STANDARD")
        for part in page {
            writer.open("Part")
            writer.element("PartNumber", String(part.partNumber))
            writer.element("LastModified", now)
            writer.element("ETag", "\"\(part.etag)\"")
            writer.element("Size", String(part.size))
            writer.close("Part")
        }
        writer.close("ListPartsResult")
        return .xml(writer.document)
    }

    /// `GET /<bucket>?uploads`: ListMultipartUploads (`prefix`, `key-marker`, `upload-id-marker`,
    /// `max-uploads`; no delimiter grouping).
    func listMultipartUploads(_ bucket: LocalR2Bucket, name: String, _ request: S3Request) async throws
        -> S3Response
    {
        let prefix = request.queryValue("prefix") ?? ""
        let keyMarker = request.queryValue("key-marker") ?? ""
        let uploadMarker = request.queryValue("upload-id-marker") ?? ""
        let maxUploads = min(max(request.queryValue("max-uploads").flatMap(Int.init) ?? 1000, 0), 1000)
        let all = try await bucket.multipartUploadsInProgress(prefix: prefix).filter { upload in
            keyMarker.isEmpty || keyMarker.utf8.lexicographicallyPrecedes(upload.key.utf8)
                || (upload.key == keyMarker && !uploadMarker.isEmpty && upload.uploadId > uploadMarker)
        }
        let page = all.prefix(maxUploads)
        let now = S3Dates.iso(Date(timeIntervalSince1970: Double(verifier.clock.nowMilliseconds()) / 1000))
        var writer = S3XMLWriter()
        writer.open("ListMultipartUploadsResult", namespaced: true)
        writer.element("Bucket", name)
        writer.element("KeyMarker", keyMarker)
        writer.element("UploadIdMarker", uploadMarker)
        if all.count > page.count, let last = page.last {
            writer.element("NextKeyMarker", last.key)
            writer.element("NextUploadIdMarker", last.uploadId)
        }
        writer.element("Prefix", prefix)
        writer.element("MaxUploads", String(maxUploads))
        writer.element("IsTruncated", all.count > page.count ? "true" : "false")
        for upload in page {
            writer.open("Upload")
            writer.element("Key", upload.key)
            writer.element("UploadId", upload.uploadId)
            writer.element("Initiated", now)
            writer.element("StorageClass", "STANDARD")
            writer.close("Upload")
        }
        writer.close("ListMultipartUploadsResult")
        return .xml(writer.document)
    }
}
