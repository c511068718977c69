import FlareWorkerAPI
import Foundation
import HTTPTypes

/// The S3 endpoint's answer: a status, headers and a body (buffered XML or a streamed object).
public struct S3Response: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The headers.
    public var headers: HTTPFields
    /// The body.
    public var body: WorkerBody

    /// Creates a response.
    public init(status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields(), body: WorkerBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An XML document with `application/xml`.
    static func xml(_ document: String, status: HTTPResponse.Status = .ok) -> S3Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/xml"
        return S3Response(status: status, headers: headers, body: WorkerBody(data: Data(document.utf8)))
    }

    /// An empty response with `status`.
    static func empty(_ status: HTTPResponse.Status = .ok) -> S3Response {
        S3Response(status: status)
    }
}
