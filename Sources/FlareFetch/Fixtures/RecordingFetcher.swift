import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging

/// A `fetch` that goes to the network and saves every exchange as a fixture (`--fetch record`),
/// secrets scrubbed, in `<directory>/<host>/<METHOD>-<path>-<hash>.json`. Recording the same
/// request again (same method, URL and query in any order) overwrites its file.
///
/// Bodies are saved decoded (curl undoes gzip/br), so `content-encoding`, `content-length` and
/// `transfer-encoding` are not saved. The response is buffered to be saved.
public final class RecordingFetcher: Fetcher {
    /// The fixtures directory.
    public let directory: URL
    private let live: any Fetcher
    private let scrubber: FixtureScrubber
    private let logger: Logger

    /// Creates a recording fetcher.
    /// - Parameters:
    ///   - directory: where fixtures are written.
    ///   - live: the fetcher that really sends (normally a ``CurlFetcher``).
    ///   - secrets: vars; the values of those named like secrets are scrubbed (see ``FixtureScrubber``).
    ///   - logger: logs each saved fixture at `info`.
    public init(directory: URL, live: any Fetcher, secrets: [String: String] = [:], logger: Logger) {
        self.directory = directory
        self.live = live
        self.scrubber = FixtureScrubber(secrets: secrets)
        self.logger = logger
    }

    /// Sends `request` live and saves the exchange.
    /// - Throws: whatever the live fetcher throws (nothing is saved then), or a file-system error.
    public func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        let requestBody = try await request.body.collect()
        var sent = request
        sent.body = WorkerBody(data: requestBody)
        let response = try await live.fetch(sent)
        let responseBody = try await response.body.collect()
        let exchange = fixture(request: request, requestBody: requestBody, response: response, body: responseBody)
        let file = try save(exchange, for: request)
        logger.info(
            "fetch recorded", metadata: ["fetch.url": "\(exchange.request.url)", "fetch.fixture": "\(file.path)"])
        var result = response
        result.body = WorkerBody(data: responseBody)
        return result
    }

    /// The fixture file `request` is recorded in.
    public func file(for request: WorkerRequest) -> URL {
        let key = FixtureKey(method: request.method.rawValue, url: request.url)
        let host = (request.url.host ?? "unknown-host").lowercased()
        let path = request.url.path.split(separator: "/").joined(separator: "-")
        let slug = String(path.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(60))
        let canonical =
            key.route + "?"
            + key.comparableQuery(ignoring: []).map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
        let name = "\(request.method.rawValue)-\(slug.isEmpty ? "root" : slug)-\(Self.hash(canonical))"
        return directory.appendingPathComponent(host, isDirectory: true).appendingPathComponent(name + ".json")
    }

    private func fixture(request: WorkerRequest, requestBody: Data, response: WorkerResponse, body: Data)
        -> FixtureExchange
    {
        var requestHeaders: [String: String] = [:]
        for field in request.headers { requestHeaders[field.name.canonicalName, default: ""].joinHeader(field.value) }
        var responseHeaders: [String: String] = [:]
        let dropped: Set<String> = ["content-encoding", "content-length", "transfer-encoding", "connection"]
        for field in response.headers where !dropped.contains(field.name.canonicalName) {
            responseHeaders[field.name.canonicalName, default: ""].joinHeader(field.value)
        }
        let fixtureRequest = FixtureRequest(
            method: request.method.rawValue, url: scrubber.scrub(url: request.url),
            headers: requestHeaders.isEmpty ? nil : scrubber.scrub(headers: requestHeaders),
            body: requestBody.isEmpty ? nil : scrubber.scrub(body: FixtureBody(data: requestBody)))
        let fixtureResponse = FixtureResponse(
            status: response.status.code, statusText: response.status.reasonPhrase,
            headers: scrubber.scrub(headers: responseHeaders),
            body: body.isEmpty ? nil : scrubber.scrub(body: FixtureBody(data: body)))
        return FixtureExchange(request: fixtureRequest, response: fixtureResponse)
    }

    private func save(_ exchange: FixtureExchange, for request: WorkerRequest) throws -> URL {
        let file = file(for: request)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.encode(exchange).write(to: file, options: .atomic)
        return file
    }

    /// A fixture as written to disk: pretty-printed, keys sorted, trailing newline.
    /// - Throws: `EncodingError` (non-finite numbers in a JSON body).
    public static func encode(_ exchange: FixtureExchange) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(exchange)
        data.append(0x0A)
        return data
    }

    /// FNV-1a, 32 bits, hex: a stable short name part.
    static func hash(_ text: String) -> String {
        var value: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }
        return String(format: "%08x", value)
    }
}

extension String {
    fileprivate mutating func joinHeader(_ value: String) {
        self = isEmpty ? value : self + ", " + value
    }
}
