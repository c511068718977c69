import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension S3Service {
    /// `GET|HEAD /<bucket>/<key>`: GetObject / HeadObject with `Range` and the four conditionals
    /// (RFC 7232 order: `If-Match`, `If-Unmodified-Since` → 412; `If-None-Match`,
    /// `If-Modified-Since` → 304).
    func getObject(_ bucket: LocalR2Bucket, key: String, _ request: S3Request) async throws -> S3Response {
        guard let head = try await bucket.head(key) else { throw S3Error.noSuchKey(key) }
        switch S3Conditions(request: request).evaluate(etag: head.etag, uploaded: head.uploaded) {
        case .proceed: break
        case .preconditionFailed: throw S3Error.preconditionFailed
        case .notModified:
            var response = S3Response.empty(.notModified)
            response.headers[.eTag] = head.httpEtag
            response.headers[S3Header.lastModified] = S3Dates.http(head.uploaded)
            return response
        }
        let range = try Self.byteRange(request.header("Range"), size: head.size)
        var response = S3Response(status: range == nil ? .ok : .partialContent)
        let object: R2Object
        if request.method == .head {
            object = head
        } else {
            let options = R2GetOptions(range: range.map { .offset($0.lowerBound, length: $0.count) })
            guard case .body(let found)? = try await bucket.get(key, options: options) else {
                throw S3Error.noSuchKey(key)
            }
            object = found.object
            response.body = try found.stream()
        }
        response.headers = Self.objectHeaders(object)
        if let range {
            response.headers[S3Header.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(object.size)"
        }
        response.headers[.contentLength] = String(range?.count ?? object.size)
        for (parameter, field) in Self.responseOverrides {
            if let value = request.queryValue(parameter) { response.headers[field] = value }
        }
        return response
    }

    /// `response-content-type=…` and friends override the stored headers of a GET.
    static let responseOverrides: [(String, HTTPField.Name)] = [
        ("response-content-type", .contentType), ("response-content-language", .contentLanguage),
        ("response-expires", .expires), ("response-cache-control", .cacheControl),
        ("response-content-disposition", .contentDisposition), ("response-content-encoding", .contentEncoding),
    ]

    /// The byte range of a `Range: bytes=…` header; `nil` for none (or a form S3 ignores).
    /// - Throws: `InvalidRange` (416) when it starts past the end.
    static func byteRange(_ header: String?, size: Int) throws(S3Error) -> Range<Int>? {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int(parts[1]) else { return nil }
            guard suffix > 0, size > 0 else { throw S3Error.invalidRange(size: size) }
            return max(0, size - suffix)..<size
        }
        guard let start = Int(parts[0]) else { return nil }
        let end = parts[1].isEmpty ? size - 1 : Int(parts[1]).map { min($0, size - 1) }
        guard let end, end >= start || start >= size else { return nil }
        guard start < size else { throw S3Error.invalidRange(size: size) }
        return start..<(end + 1)
    }

    /// The stored headers of an object: ETag, Last-Modified, content headers, `x-amz-meta-*`.
    static func objectHeaders(_ object: R2Object) -> HTTPFields {
        var headers = HTTPFields()
        headers[.eTag] = object.httpEtag
        headers[S3Header.lastModified] = S3Dates.http(object.uploaded)
        headers[S3Header.acceptRanges] = "bytes"
        try? object.writeHttpMetadata(to: &headers)
        if headers[.contentType] == nil { headers[.contentType] = "application/octet-stream" }
        for (name, value) in (object.customMetadata ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name("x-amz-meta-" + name) { headers[field] = value }
        }
        return headers
    }

    /// HTTP and custom metadata from a request's headers (`aws-chunked` is not a stored encoding).
    static func metadata(from request: S3Request) -> (R2HTTPMetadata, [String: String]) {
        let encodings = (request.header("Content-Encoding") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "aws-chunked" }
        let http = R2HTTPMetadata(
            contentType: request.header("Content-Type"), contentLanguage: request.header("Content-Language"),
            contentDisposition: request.header("Content-Disposition"),
            contentEncoding: encodings.isEmpty ? nil : encodings.joined(separator: ", "),
            cacheControl: request.header("Cache-Control"),
            cacheExpiry: request.header("Expires").flatMap(S3Dates.parseHTTP))
        var custom: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName.lowercased()
            if name.hasPrefix("x-amz-meta-") { custom[String(name.dropFirst("x-amz-meta-".count))] = field.value }
        }
        return (http, custom)
    }

    /// `PUT /<bucket>/<key>`: PutObject, streamed into the bucket (`If-Match`/`If-None-Match`
    /// make it conditional).
    func putObject(_ bucket: LocalR2Bucket, key: String, _ request: S3Request, verified: SigV4Verifier.Verified)
        async throws -> S3Response
    {
        let value = try Self.bodyValue(request, verified: verified)
        let (http, custom) = Self.metadata(from: request)
        var options = R2PutOptions(httpMetadata: http, customMetadata: custom)
        if request.header("If-Match") != nil || request.header("If-None-Match") != nil {
            var conditions = HTTPFields()
            conditions[.ifMatch] = request.header("If-Match")
            conditions[.ifNoneMatch] = request.header("If-None-Match")
            options.onlyIf = R2Conditional(headers: conditions)
        }
        guard let object = try await bucket.put(key, value, options: options) else { throw S3Error.preconditionFailed }
        var response = S3Response.empty()
        response.headers[.eTag] = object.httpEtag
        return response
    }

    /// The body of a put or part upload as a checked stream of known length: `aws-chunked` bodies
    /// are decoded (chunk signatures verified); a signed payload's SHA-256 and a `Content-MD5` are
    /// checked at its end.
    static func bodyValue(_ request: S3Request, verified: SigV4Verifier.Verified) throws(S3Error) -> R2PutValue {
        var md5: [UInt8]?
        if let text = request.header("Content-MD5") {
            guard let decoded = Data(base64Encoded: text), decoded.count == 16 else { throw S3Error.invalidDigest }
            md5 = Array(decoded)
        }
        let payload = verified.payloadHash
        if payload.hasPrefix("STREAMING-") {
            guard let length = request.header("x-amz-decoded-content-length").flatMap(Int.init) else {
                throw S3Error.missingContentLength
            }
            let signed = payload.hasPrefix("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
            guard signed || payload == "STREAMING-UNSIGNED-PAYLOAD-TRAILER" else {
                throw S3Error.notImplemented("x-amz-content-sha256: \(payload)")
            }
            let signing =
                signed
                ? AWSChunkedDecoder.Signing(
                    key: verified.signingKey, timestamp: verified.timestamp, scope: verified.scope,
                    seedSignature: verified.signature) : nil
            let decoded = AWSChunkedDecoder(upstream: request.body.chunks(), signing: signing, expectedLength: length)
            let checked = PayloadCheck(upstream: decoded.stream(), sha256: nil, md5: md5, length: nil)
            return .stream(checked.stream(), length: length)
        }
        guard let length = request.body.knownLength ?? request.header("Content-Length").flatMap(Int.init) else {
            throw S3Error.missingContentLength
        }
        let sha256 = payload.utf8.count == 64 ? payload : nil
        let checked = PayloadCheck(upstream: request.body.chunks(), sha256: sha256, md5: md5, length: length)
        return .stream(checked.stream(), length: length)
    }

    /// `POST /<bucket>?delete`: DeleteObjects (missing keys count as deleted, as in S3).
    func deleteObjects(_ bucket: LocalR2Bucket, _ request: S3Request) async throws -> S3Response {
        let body = try await request.body.collect(upTo: 4 * 1024 * 1024)
        guard let root = S3XMLReader.parse(body), root.name == "Delete" else { throw S3Error.malformedXML }
        let quiet = root.value("Quiet")?.lowercased() == "true"
        let keys = root.all("Object").compactMap { $0.value("Key") }
        guard keys.count <= 1000 else { throw S3Error.malformedXML }
        var writer = S3XMLWriter()
        writer.open("DeleteResult", namespaced: true)
        for key in keys {
            do {
                try await bucket.delete([key])
                if !quiet {
                    writer.open("Deleted")
                    writer.element("Key", key)
                    writer.close("Deleted")
                }
            } catch let error as R2Error {
                let failure = Self.s3Error(for: error)
                writer.open("Error")
                writer.element("Key", key)
                writer.element("Code", failure.code)
                writer.element("Message", failure.message)
                writer.close("Error")
            }
        }
        writer.close("DeleteResult")
        return .xml(writer.document)
    }
}
