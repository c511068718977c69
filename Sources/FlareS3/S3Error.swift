import Foundation
import HTTPTypes

/// An S3 error: its code, message and status, rendered as S3's `<Error>` document.
///
/// ```xml
/// <Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>
/// <Resource>/bucket/key</Resource><RequestId>…</RequestId></Error>
/// ```
public struct S3Error: Error, Sendable, Equatable {
    /// S3's error code (`NoSuchKey`, `SignatureDoesNotMatch`, …).
    public var code: String
    /// The message.
    public var message: String
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// Extra elements (`Key`, `BucketName`, `StringToSign`, …) in the order given.
    public var details: [(String, String)] = []

    /// Creates an error.
    public init(code: String, message: String, status: HTTPResponse.Status, details: [(String, String)] = []) {
        self.code = code
        self.message = message
        self.status = status
        self.details = details
    }

    /// Errors compare by code, message and status.
    public static func == (lhs: S3Error, rhs: S3Error) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.status == rhs.status
    }

    /// The `<Error>` document for a request to `resource`.
    public func xml(resource: String, requestID: String) -> String {
        var writer = S3XMLWriter()
        writer.open("Error")
        writer.element("Code", code)
        writer.element("Message", message)
        for (name, value) in details { writer.element(name, value) }
        writer.element("Resource", resource)
        writer.element("RequestId", requestID)
        writer.close("Error")
        return writer.document
    }

    /// The response: the XML document, or only the status for `HEAD` (which has no body).
    func response(resource: String, requestID: String, head: Bool) -> S3Response {
        var response = S3Response.xml(xml(resource: resource, requestID: requestID), status: status)
        if head { response.body = .empty }
        response.headers[S3Header.requestID] = requestID
        return response
    }
}

extension S3Error {
    static let accessDenied = S3Error(code: "AccessDenied", message: "Access Denied", status: .forbidden)
    static func noSuchBucket(_ bucket: String) -> S3Error {
        S3Error(
            code: "NoSuchBucket", message: "The specified bucket does not exist", status: .notFound,
            details: [("BucketName", bucket)])
    }
    static func noSuchKey(_ key: String) -> S3Error {
        S3Error(
            code: "NoSuchKey", message: "The specified key does not exist.", status: .notFound, details: [("Key", key)])
    }
    static let noSuchUpload = S3Error(
        code: "NoSuchUpload",
        message:
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
        status: .notFound)
    static let preconditionFailed = S3Error(
        code: "PreconditionFailed", message: "At least one of the pre-conditions you specified did not hold",
        status: .preconditionFailed)
    static let invalidPart = S3Error(
        code: "InvalidPart",
        message:
            "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        status: .badRequest)
    static let invalidPartOrder = S3Error(
        code: "InvalidPartOrder",
        message: "The list of parts was not in ascending order. Parts must be ordered by part number.",
        status: .badRequest)
    static let entityTooSmall = S3Error(
        code: "EntityTooSmall", message: "Your proposed upload is smaller than the minimum allowed object size.",
        status: .badRequest)
    static let entityTooLarge = S3Error(
        code: "EntityTooLarge", message: "Your proposed upload exceeds the maximum allowed object size.",
        status: .badRequest)
    static let bucketNotEmpty = S3Error(
        code: "BucketNotEmpty", message: "The bucket you tried to delete is not empty", status: .conflict)
    static let bucketAlreadyOwnedByYou = S3Error(
        code: "BucketAlreadyOwnedByYou",
        message: "Your previous request to create the named bucket succeeded and you already own it.",
        status: .conflict)
    static let invalidBucketName = S3Error(
        code: "InvalidBucketName", message: "The specified bucket is not valid.", status: .badRequest)
    static let malformedXML = S3Error(
        code: "MalformedXML",
        message: "The XML you provided was not well-formed or did not validate against our published schema.",
        status: .badRequest)
    static let badDigest = S3Error(
        code: "BadDigest", message: "The Content-MD5 you specified did not match what we received.",
        status: .badRequest)
    static let invalidDigest = S3Error(
        code: "InvalidDigest", message: "The Content-MD5 you specified is not valid.", status: .badRequest)
    static let missingContentLength = S3Error(
        code: "MissingContentLength", message: "You must provide the Content-Length HTTP header.",
        status: .lengthRequired)
    static let incompleteBody = S3Error(
        code: "IncompleteBody",
        message: "You did not provide the number of bytes specified by the Content-Length HTTP header",
        status: .badRequest)
    static let contentSHA256Mismatch = S3Error(
        code: "XAmzContentSHA256Mismatch",
        message: "The provided 'x-amz-content-sha256' header does not match what was computed.", status: .badRequest)
    static func invalidArgument(_ message: String) -> S3Error {
        S3Error(code: "InvalidArgument", message: message, status: .badRequest)
    }
    static func invalidRequest(_ message: String) -> S3Error {
        S3Error(code: "InvalidRequest", message: message, status: .badRequest)
    }
    static func invalidRange(size: Int) -> S3Error {
        S3Error(
            code: "InvalidRange", message: "The requested range is not satisfiable", status: .rangeNotSatisfiable,
            details: [("ActualObjectSize", String(size))])
    }
    static func notImplemented(_ what: String) -> S3Error {
        S3Error(
            code: "NotImplemented",
            message: "A header or query you provided implies functionality that is not implemented: \(what)",
            status: HTTPResponse.Status(code: 501))
    }
    static let methodNotAllowed = S3Error(
        code: "MethodNotAllowed", message: "The specified method is not allowed against this resource.",
        status: .methodNotAllowed)
    static let internalError = S3Error(
        code: "InternalError", message: "We encountered an internal error. Please try again.",
        status: .internalServerError)
}
