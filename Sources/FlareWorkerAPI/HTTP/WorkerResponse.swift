import Foundation
import HTTPTypes

/// An HTTP response returned by a worker's `fetch` handler, or by an outbound `fetch`.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/response/>
public struct WorkerResponse: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The header fields.
    public var headers: HTTPFields
    /// The body.
    public var body: WorkerBody
    /// The final URL after redirects, for responses of an outbound `fetch`.
    public var url: URL?

    /// Creates a response.
    /// - Parameters:
    ///   - status: the status (default 200).
    ///   - headers: the header fields.
    ///   - body: the body.
    ///   - url: the final URL, for outbound responses.
    public init(
        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: WorkerBody = .empty, url: URL? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// Whether the status is 200–299.
    public var ok: Bool { (200..<300).contains(status.code) }

    /// The first value of the header `name` (case-insensitive), or `nil`.
    public func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return headers[field]
    }

    /// A `text/plain` response.
    public static func text(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> WorkerResponse
    {
        var fields = headers
        if fields[.contentType] == nil { fields[.contentType] = "text/plain;charset=UTF-8" }
        return WorkerResponse(status: status, headers: fields, body: WorkerBody(text: text))
    }

    /// An `application/json` response holding `value`.
    public static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> WorkerResponse
    {
        var fields = headers
        if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return WorkerResponse(status: status, headers: fields, body: WorkerBody(data: value.jsonData()))
    }

    /// An `application/json` response holding any `Encodable` value (keys sorted, dates ISO 8601).
    /// - Throws: `EncodingError` when the value cannot be encoded.
    public static func json(
        encoding value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    )
        throws -> WorkerResponse
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var fields = headers
        if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        return WorkerResponse(status: status, headers: fields, body: WorkerBody(data: try encoder.encode(value)))
    }
}
