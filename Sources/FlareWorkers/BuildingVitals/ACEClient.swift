import FlareWorkerAPI
import Foundation

/// The ACE IoT paginated timeseries API (§5), called through the worker's `fetch`.
///
/// Every page is `GET {ACE_API_URL}/sites/{encodeURIComponent(site)}/timeseries/paginated?start_time=…&end_time=…
/// &raw_data=true&page_size=100000[&point_names=p1%2Cp2][&cursor=…]`, with `authorization: Bearer <ACE_API_TOKEN>`
/// (fixes §9.5). Samples of points not requested are dropped. A 404 ("No data for time period") is an
/// empty result, not an error (§9.21).
public struct ACEClient: Sendable {
    /// Sends a GET with headers (the worker's `env.fetch`).
    public typealias Get = @Sendable (_ url: String, _ headers: [String: String]) async throws -> WorkerResponse

    /// `ACE_API_URL` without a trailing slash.
    public let baseURL: String
    /// The bearer token (secret `ACE_API_TOKEN`), if configured.
    public let token: String?
    /// At most this many pages are read (the original's 101); the result says when it stopped early.
    public var maxPages: Int
    /// `page_size` sent to ACE.
    public var pageSize: Int
    private let get: Get

    /// Creates a client.
    public init(baseURL: String, token: String?, maxPages: Int = 101, pageSize: Int = 100_000, get: @escaping Get) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token
        self.maxPages = maxPages
        self.pageSize = pageSize
        self.get = get
    }

    /// The URL of one page; `pointNames` are sent only by the direct and cached routes, as the original did.
    public func pageURL(site: String, startTime: String, endTime: String, pointNames: [String]?, cursor: String?)
        -> String
    {
        var items: [(String, String)] = [
            ("start_time", startTime), ("end_time", endTime), ("raw_data", "true"), ("page_size", String(pageSize)),
        ]
        if let pointNames { items.append(("point_names", pointNames.joined(separator: ","))) }
        if let cursor { items.append(("cursor", cursor)) }
        return "\(baseURL)/sites/\(URLEncoding.component(site))/timeseries/paginated?\(URLEncoding.query(items))"
    }

    /// The headers sent with every page.
    public var headers: [String: String] {
        var headers = ["accept": "application/json"]
        if let token, !token.isEmpty { headers["authorization"] = "Bearer \(token)" }
        return headers
    }

    /// Fetches every page and groups the requested points' samples.
    /// - Parameters:
    ///   - sendPointNames: whether to send `point_names` (direct and cached routes).
    ///   - onPage: called after each page with its 1-based number and whether more follow; throwing stops the fetch.
    /// - Throws: ``ACEUpstreamError`` for a non-2xx other than 404 or an unreadable page, `FetchError` from
    ///   the network, or whatever `onPage` throws.
    public func fetch(
        site: String, points: [String], startTime: String, endTime: String, sendPointNames: Bool,
        onPage: (_ page: Int, _ hasMore: Bool) async throws -> Void = { _, _ in }
    ) async throws -> UpstreamResult {
        var data = TimeseriesData(points: points)
        var cursor: String?
        var page = 0
        while true {
            page += 1
            let url = pageURL(
                site: site, startTime: startTime, endTime: endTime, pointNames: sendPointNames ? points : nil,
                cursor: cursor
            )
            let response = try await get(url, headers)
            if response.status.code == 404 {
                try await onPage(page, false)
                return UpstreamResult(data: data, pages: page, truncated: false)
            }
            guard response.ok else {
                let code = response.status.code
                let reason = Self.statusText(code, response.status.reasonPhrase)
                throw ACEUpstreamError(status: code, message: "HTTP \(code): \(reason)")
            }
            let parsed: ACEPage
            do {
                parsed = try await response.body.decode(ACEPage.self)
            } catch {
                throw ACEUpstreamError(
                    status: response.status.code, message: "Invalid ACE response on page \(page): \(error)")
            }
            for sample in parsed.pointSamples {
                data.add(point: sample.name, time: sample.time, value: sample.value)
            }
            let more = parsed.continues && page < maxPages
            try await onPage(page, more)
            if !more {
                return UpstreamResult(data: data, pages: page, truncated: parsed.continues)
            }
            cursor = parsed.nextCursor
        }
    }
}

extension ACEClient {
    /// The reason phrase, from the response or (when it carries none) the standard one.
    static func statusText(_ code: Int, _ given: String) -> String {
        if !given.isEmpty { return given }
        let standard: [Int: String] = [
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
            429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout",
        ]
        return standard[code] ?? ""
    }
}

/// What a full upstream fetch produced.
public struct UpstreamResult: Sendable, Hashable {
    /// The grouped samples.
    public var data: TimeseriesData
    /// Pages read.
    public var pages: Int
    /// Whether ACE had more pages than ``ACEClient/maxPages`` allowed.
    public var truncated: Bool
}

/// ACE answered with an error status (other than 404) or an unreadable body.
public struct ACEUpstreamError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// `HTTP <status>: <reason>`, as the original.
    public var message: String

    /// The message.
    public var description: String { message }
}
