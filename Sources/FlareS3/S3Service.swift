import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging

/// The S3-compatible API over local R2 buckets: it verifies Signature V4, routes a request to its
/// operation and answers in S3's XML, independent of the HTTP server.
///
/// ```swift
/// let service = S3Service(buckets: buckets, verifier: SigV4Verifier(credentials: .localDefault, clock: clock),
///                         pathPrefix: "/cdn-cgi/local/r2/s3")
/// let response = await service.handle(S3Request(method: .get, path: "/cdn-cgi/local/r2/s3/", …))
/// ```
///
/// Addressing: path-style (`<prefix>/<bucket>/<key>`) always; virtual-host-style
/// (`Host: <bucket>.<virtualHostSuffix>`) when ``virtualHostSuffix`` is set.
public struct S3Service: Sendable {
    /// Where buckets come from.
    public let buckets: any S3BucketProvider
    /// The signature check.
    public let verifier: SigV4Verifier
    /// The path the endpoint is mounted under (`""` at the root of its own port).
    public let pathPrefix: String
    /// The host suffix of virtual-host-style requests (`localhost`: `Host: photos.localhost:9000`).
    public let virtualHostSuffix: String?
    let logger: Logger

    /// Creates the service.
    public init(
        buckets: any S3BucketProvider, verifier: SigV4Verifier, pathPrefix: String = "",
        virtualHostSuffix: String? = nil, logger: Logger = Logger(label: "swiftflare.s3")
    ) {
        self.buckets = buckets
        self.verifier = verifier
        self.pathPrefix = pathPrefix
        self.virtualHostSuffix = virtualHostSuffix
        self.logger = logger
    }

    /// The bucket and key a request addresses (both `nil` for the service itself).
    struct Target {
        var bucket: String?
        var key: String?
    }

    /// Answers one request; every failure becomes S3's XML error.
    public func handle(_ request: S3Request) async -> S3Response {
        let requestID = Self.requestID()
        var resource = request.path
        do {
            let target = try self.target(of: request)
            resource = "/" + [target.bucket, target.key].compactMap { $0 }.joined(separator: "/")
            let verified = try verifier.verify(request)
            var response = try await route(request, target: target, verified: verified)
            response.headers[S3Header.requestID] = requestID
            return response
        } catch let error as S3Error {
            logger.debug(
                "S3 error",
                metadata: ["s3.code": "\(error.code)", "s3.method": "\(request.method)", "s3.path": "\(resource)"])
            return error.response(resource: resource, requestID: requestID, head: request.method == .head)
        } catch let error as R2Error {
            return Self.s3Error(for: error).response(
                resource: resource, requestID: requestID, head: request.method == .head)
        } catch {
            logger.error("S3 request failed", metadata: ["error": "\(error)", "s3.path": "\(resource)"])
            var failure = S3Error.internalError
            failure.message += " (\(error))"
            return failure.response(resource: resource, requestID: requestID, head: request.method == .head)
        }
    }

    /// The bucket and key of `request` from its path (after ``pathPrefix``) and host.
    func target(of request: S3Request) throws(S3Error) -> Target {
        guard request.path.hasPrefix(pathPrefix) else {
            throw S3Error.invalidRequest("The path is not under \(pathPrefix)")
        }
        var rest = Substring(request.path.dropFirst(pathPrefix.count))
        if rest.hasPrefix("/") { rest = rest.dropFirst() }
        if let bucket = virtualHostBucket(request.authority) {
            return Target(bucket: bucket, key: rest.isEmpty ? nil : S3Encoding.percentDecode(String(rest)))
        }
        guard !rest.isEmpty else { return Target() }
        let bucket = rest.prefix { $0 != "/" }
        let key = rest.dropFirst(bucket.count + 1)
        return Target(
            bucket: S3Encoding.percentDecode(String(bucket)),
            key: rest.count > bucket.count ? S3Encoding.percentDecode(String(key)) : nil)
    }

    /// The bucket named by a `<bucket>.<suffix>[:port]` host.
    func virtualHostBucket(_ authority: String?) -> String? {
        guard let suffix = virtualHostSuffix, let authority else { return nil }
        var host = authority.lowercased()
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = String(host[..<colon]) }
        guard host.hasSuffix("." + suffix) else { return nil }
        let bucket = host.dropLast(suffix.count + 1)
        return bucket.isEmpty ? nil : String(bucket)
    }

    private func route(_ request: S3Request, target: Target, verified: SigV4Verifier.Verified) async throws
        -> S3Response
    {
        let query = Set(request.queryItems.map(\.name))
        guard let bucketName = target.bucket else {
            guard request.method == .get else { throw S3Error.methodNotAllowed }
            return try await listBuckets()
        }
        guard let key = target.key, !key.isEmpty else {
            switch request.method {
            case .put: return try await createBucket(bucketName, request)
            case .delete: return try await deleteBucket(bucketName)
            case .head: return try await headBucket(bucketName)
            case .get where query.contains("uploads"):
                return try await listMultipartUploads(try await bucket(bucketName), name: bucketName, request)
            case .get where query.contains("location"):
                _ = try await bucket(bucketName)
                var writer = S3XMLWriter()
                writer.open("LocationConstraint", namespaced: true)
                writer.close("LocationConstraint")
                return .xml(writer.document)
            case .get:
                for unsupported in ["versioning", "acl", "cors", "policy", "lifecycle", "tagging", "website"]
                where query.contains(unsupported) {
                    throw S3Error.notImplemented("?\(unsupported)")
                }
                return try await listObjects(try await bucket(bucketName), name: bucketName, request)
            case .post where query.contains("delete"):
                return try await deleteObjects(try await bucket(bucketName), request)
            default: throw S3Error.methodNotAllowed
            }
        }
        let bucket = try await bucket(bucketName)
        switch request.method {
        case .put where query.contains("uploadId"):
            if request.header("x-amz-copy-source") != nil { return try await uploadPartCopy(bucket, key: key, request) }
            return try await uploadPart(bucket, key: key, request, verified: verified)
        case .put where request.header("x-amz-copy-source") != nil:
            return try await copyObject(bucket, key: key, request)
        case .put: return try await putObject(bucket, key: key, request, verified: verified)
        case .get where query.contains("uploadId"):
            return try await listParts(bucket, name: bucketName, key: key, request)
        case .get, .head: return try await getObject(bucket, key: key, request)
        case .post where query.contains("uploads"):
            return try await createMultipartUpload(bucket, name: bucketName, key: key, request)
        case .post where query.contains("uploadId"):
            return try await completeMultipartUpload(bucket, name: bucketName, key: key, request)
        case .delete where query.contains("uploadId"): return try await abortMultipartUpload(bucket, key: key, request)
        case .delete:
            try await bucket.delete([key])
            return .empty(.noContent)
        default: throw S3Error.methodNotAllowed
        }
    }

    /// The bucket, or `NoSuchBucket`.
    func bucket(_ name: String) async throws -> LocalR2Bucket {
        guard let bucket = try await buckets.bucket(named: name) else { throw S3Error.noSuchBucket(name) }
        return bucket
    }

    /// The S3 error for an R2 binding error (by R2's numeric code).
    static func s3Error(for error: R2Error) -> S3Error {
        switch error.code {
        case 10007: return S3Error(code: "NoSuchKey", message: "The specified key does not exist.", status: .notFound)
        case 10011: return .entityTooSmall
        case 100100: return .entityTooLarge
        case 10012:
            return S3Error(
                code: "MetadataTooLarge", message: "Your metadata headers exceed the maximum allowed metadata size.",
                status: .badRequest)
        case 10020: return S3Error(code: "KeyTooLongError", message: "Your key is too long", status: .badRequest)
        case 10024: return .noSuchUpload
        case 10025: return .invalidPart
        case 10031: return .preconditionFailed
        case 10037: return .badDigest
        case 10039:
            return S3Error(
                code: "InvalidRange", message: "The requested range is not satisfiable", status: .rangeNotSatisfiable)
        case 10048:
            return S3Error(
                code: "InvalidPart", message: "All non-trailing parts must have the same length.", status: .badRequest)
        case 0: return .invalidArgument(error.message)
        default:
            return S3Error(code: "InternalError", message: error.message, status: .internalServerError)
        }
    }

    /// A random request id (16 upper-case hex digits, as S3's).
    static func requestID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16, uppercase: true)
    }
}
