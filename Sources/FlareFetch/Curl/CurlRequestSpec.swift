import Foundation

/// Everything the curl driver needs to configure one transfer, built on the caller's task.
struct CurlRequestSpec: Sendable {
    /// The method name (`GET`, `POST`, ...).
    var method: String
    /// The absolute URL.
    var url: String
    /// Header lines in order, already filtered (no `accept-encoding`, which curl owns).
    var headers: [(name: String, value: String)]
    /// The request body (empty for none).
    var body: Data
    /// The `Accept-Encoding` curl sends and decodes.
    var acceptEncoding: String
    /// Whether curl follows redirects (`redirect: "follow"`).
    var followRedirects: Bool
    /// The Workers runtime follows at most 20 redirects.
    var maxRedirects: Int
    /// The total timeout in milliseconds (0 for none).
    var timeoutMilliseconds: Int
    /// The connect timeout in milliseconds (0 for curl's default).
    var connectTimeoutMilliseconds: Int

    /// `METHOD url`, for messages.
    var summary: String { "\(method) \(url)" }
}
