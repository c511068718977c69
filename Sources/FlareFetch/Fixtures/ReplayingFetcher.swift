import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging

/// A `fetch` that answers from recorded fixtures (`--fetch replay`), optionally falling back to
/// another fetcher for requests with no fixture (`--fetch replay-or-live`).
///
/// Matching: same method, host, port and path; the same query parameters in any order, except
/// the scrubbed ones (`api_key`, `apikey`, values `SCRUBBED`) and the fixture's `ignoreQuery`
/// names; and, when the fixture says `"matchBody": true`, the same body.
///
/// ```swift
/// let fetcher = ReplayingFetcher(store: FixtureStore(directory: fixtures), logger: logger)
/// let klines = try await fetcher.fetch(WorkerRequest(url: URL(string:
///     "https://api.binance.us/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000")!))
/// ```
public final class ReplayingFetcher: Fetcher {
    /// The fixtures.
    public let store: FixtureStore
    private let fallback: (any Fetcher)?
    private let logger: Logger

    /// Creates a replaying fetcher.
    /// - Parameters:
    ///   - store: the fixtures.
    ///   - fallback: where requests with no fixture go (`nil`: they throw `.noFixture`).
    ///   - logger: logs each replayed request at `debug`.
    public init(store: FixtureStore, fallback: (any Fetcher)? = nil, logger: Logger) {
        self.store = store
        self.fallback = fallback
        self.logger = logger
    }

    /// Answers `request` from its fixture.
    /// - Throws: `FetchError(.noFixture)` naming the request and the nearest recorded ones, when
    ///   there is no fixture and no fallback; `FetchError(.invalidRequest)` for a broken fixture file.
    public func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        let body = try await request.body.collect()
        if let entry = try await store.match(request, body: body) {
            logger.debug("fetch replayed", metadata: ["fetch.url": "\(request.url)", "fetch.fixture": "\(entry.name)"])
            return try Self.response(from: entry.exchange.response, url: request.url)
        }
        if let fallback {
            var live = request
            live.body = WorkerBody(data: body)
            return try await fallback.fetch(live)
        }
        let nearest = await store.nearest(to: request)
        var message =
            "No fixture for \(request.method.rawValue) \(request.url.absoluteString) in \(store.directory.path)"
        if nearest.isEmpty {
            message += " (there are no fixtures)."
        } else {
            message += ". Nearest recorded:\n" + nearest.map { "  - " + $0 }.joined(separator: "\n")
        }
        message += "\nRecord it with --fetch record, or use --fetch replay-or-live."
        throw FetchError(code: .noFixture, message: message)
    }

    /// The `WorkerResponse` a fixture response replays as.
    /// - Throws: `FetchError(.invalidRequest)` for an invalid body.
    public static func response(from fixture: FixtureResponse, url: URL?) throws -> WorkerResponse {
        var headers = HTTPFields()
        for (name, value) in (fixture.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        let status = HTTPResponse.Status(code: fixture.status, reasonPhrase: fixture.statusText ?? "")
        let data = try fixture.body?.data() ?? Data()
        return WorkerResponse(status: status, headers: headers, body: WorkerBody(data: data), url: url)
    }
}
