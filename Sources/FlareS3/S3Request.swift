import FlareWorkerAPI
import Foundation
import HTTPTypes

/// One request to the S3 endpoint, independent of the HTTP server that received it.
///
/// `path` is the raw (still percent-encoded) request path, because Signature V4 signs the path
/// exactly as the client sent it; `query` is the raw query string without `?`.
public struct S3Request: Sendable {
    /// The method.
    public var method: HTTPRequest.Method
    /// The raw path, percent-encoded as sent (`/cdn-cgi/local/r2/s3/bucket/a%20b`).
    public var path: String
    /// The raw query string (without `?`), or `nil`.
    public let query: String?
    /// The query as decoded `(name, value)` pairs in order; a name without `=` has the value `""`.
    public let queryItems: [(name: String, value: String)]
    /// The `Host` (HTTP/1.1) or `:authority` (HTTP/2).
    public var authority: String?
    /// The header fields (without `Host`, which is ``authority``).
    public var headers: HTTPFields
    /// The body, read once.
    public var body: WorkerBody

    /// Creates a request.
    public init(
        method: HTTPRequest.Method, path: String, query: String?, authority: String?, headers: HTTPFields,
        body: WorkerBody = .empty
    ) {
        self.method = method
        self.path = path
        self.query = query
        queryItems = Self.parse(query)
        self.authority = authority
        self.headers = headers
        self.body = body
    }

    /// Splits and percent-decodes a raw query string.
    static func parse(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = S3Encoding.percentDecode(String(parts[0]))
            let value = parts.count > 1 ? S3Encoding.percentDecode(String(parts[1])) : ""
            return (name, value)
        }
    }

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// The value of header `name` (case-insensitive), several fields joined by `,`.
    public func header(_ name: String) -> String? {
        guard let fieldName = HTTPField.Name(name) else { return nil }
        let values = headers[values: fieldName]
        return values.isEmpty ? nil : values.joined(separator: ",")
    }
}
