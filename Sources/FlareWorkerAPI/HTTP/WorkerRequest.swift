import Foundation
import HTTPTypes

/// An HTTP request as a worker's `fetch` handler receives it, or as a worker passes it to `fetch`.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/request/>
public struct WorkerRequest: Sendable {
    /// The method.
    public var method: HTTPRequest.Method
    /// The absolute URL.
    public var url: URL
    /// The header fields.
    public var headers: HTTPFields
    /// The body (empty for GET).
    public var body: WorkerBody
    /// How redirects are handled when this request is sent with `fetch`.
    public var redirect: RedirectMode
    /// Cloudflare's `request.cf` properties that make sense locally (e.g. `colo`, `country`).
    public var cf: [String: JSONValue]

    /// Redirect handling for outbound requests, as the Workers runtime has it.
    public enum RedirectMode: String, Sendable {
        /// Follow redirects (the default).
        case follow
        /// Return the 3xx response as is.
        case manual
    }

    /// Creates a request.
    /// - Parameters:
    ///   - method: the method (default GET).
    ///   - url: the absolute URL.
    ///   - headers: the header fields.
    ///   - body: the body.
    ///   - redirect: redirect handling for `fetch`.
    ///   - cf: `request.cf` properties.
    public init(
        method: HTTPRequest.Method = .get,
        url: URL,
        headers: HTTPFields = [:],
        body: WorkerBody = .empty,
        redirect: RedirectMode = .follow,
        cf: [String: JSONValue] = [:]
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.redirect = redirect
        self.cf = cf
    }

    /// The URL's path.
    public var path: String { url.path }

    /// The query parameters, in order; a parameter without `=` has an empty value.
    public var queryItems: [URLQueryItem] {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
    }

    /// The first value of the query parameter `name`, or `nil`.
    public func query(_ name: String) -> String? {
        queryItems.first(where: { $0.name == name }).map { $0.value ?? "" }
    }

    /// The first value of the header `name` (case-insensitive), or `nil`.
    public func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return headers[field]
    }
}
