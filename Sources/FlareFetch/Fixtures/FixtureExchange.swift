import FlareWorkerAPI
import Foundation

/// One recorded HTTP exchange, the content of a fixture file `fixtures/<host>/<name>.json`.
///
/// The format (documented in `docs/fetch.md` and `fixtures/README.md`):
/// ```json
/// {
///   "comment": "optional free text",
///   "request": {
///     "method": "GET",
///     "url": "https://api.binance.us/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000",
///     "headers": { "accept": "application/json" },
///     "ignoreQuery": ["startTime", "endTime"],
///     "matchBody": false
///   },
///   "response": {
///     "status": 200,
///     "statusText": "OK",
///     "headers": { "content-type": "application/json" },
///     "body": { "json": [[1735689600000, "42000.00"]] }
///   }
/// }
/// ```
/// A body is `{"text": "..."}` (UTF-8 text, byte-exact), `{"base64": "..."}` (binary) or
/// `{"json": <value>}` (JSON, replayed as the JSON text written in the file: handy for
/// hand-written and generated fixtures, one row per line).
public struct FixtureExchange: Codable, Sendable, Equatable {
    /// Free text for readers (e.g. "synthetic").
    public var comment: String?
    /// The recorded request.
    public var request: FixtureRequest
    /// The recorded response.
    public var response: FixtureResponse

    /// Creates an exchange.
    public init(comment: String? = nil, request: FixtureRequest, response: FixtureResponse) {
        self.comment = comment
        self.request = request
        self.response = response
    }
}

/// The request side of a fixture.
public struct FixtureRequest: Codable, Sendable, Equatable {
    /// The method, upper case.
    public var method: String
    /// The absolute URL, secrets scrubbed.
    public var url: String
    /// The request headers (lower-case names), secrets scrubbed. Not used for matching.
    public var headers: [String: String]?
    /// The request body, when there was one.
    public var body: FixtureBody?
    /// Whether replay also requires the request body to match (JSON bodies compare as values).
    public var matchBody: Bool?
    /// Query parameters whose values replay ignores: those a worker computes from the clock
    /// (`startTime`, `endTime`, `toTs`, ...). A request matches with any value or none.
    public var ignoreQuery: [String]?

    /// Creates a request.
    public init(
        method: String, url: String, headers: [String: String]? = nil, body: FixtureBody? = nil,
        matchBody: Bool? = nil, ignoreQuery: [String]? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.matchBody = matchBody
        self.ignoreQuery = ignoreQuery
    }
}

/// The response side of a fixture.
public struct FixtureResponse: Codable, Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// The reason phrase.
    public var statusText: String?
    /// The response headers (lower-case names; repeated fields joined with `, `).
    public var headers: [String: String]?
    /// The body, `nil` for none.
    public var body: FixtureBody?

    /// Creates a response.
    public init(status: Int, statusText: String? = nil, headers: [String: String]? = nil, body: FixtureBody? = nil) {
        self.status = status
        self.statusText = statusText
        self.headers = headers
        self.body = body
    }
}

/// A fixture body: exactly one of `text`, `base64` or `json`.
public struct FixtureBody: Codable, Sendable, Equatable {
    /// UTF-8 text, byte-exact.
    public var text: String?
    /// Binary bytes, base64.
    public var base64: String?
    /// A JSON value, replayed compactly with sorted keys.
    public var json: JSONValue?
    /// The JSON text as written in a fixture file (set by the fast loader instead of ``json``).
    var rawJSON: Data?

    private enum CodingKeys: String, CodingKey {
        case text, base64, json
    }

    /// Creates a body from one of the three forms.
    public init(text: String? = nil, base64: String? = nil, json: JSONValue? = nil) {
        self.text = text
        self.base64 = base64
        self.json = json
    }

    /// Stores `data` as text when it is valid UTF-8 without NUL bytes, base64 otherwise.
    public init(data: Data) {
        if !data.contains(0), let text = String(data: data, encoding: .utf8) {
            self.init(text: text)
        } else {
            self.init(base64: data.base64EncodedString())
        }
    }

    /// The bytes this body replays as.
    /// - Throws: `FetchError(.invalidRequest)` for invalid base64 or an empty body object.
    public func data() throws -> Data {
        if let text { return Data(text.utf8) }
        if let base64 {
            guard let data = Data(base64Encoded: base64) else {
                throw FetchError(code: .invalidRequest, message: "Fixture body is not valid base64")
            }
            return data
        }
        if let rawJSON { return rawJSON }
        if let json { return json.jsonData() }
        throw FetchError(code: .invalidRequest, message: "Fixture body has none of text, base64, json")
    }
}
