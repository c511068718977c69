import FlareTesting
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging
import Testing

@testable import FlareFetch

struct FixtureReplayTests {
    let logger = Logger(label: "test.fixtures")

    private func write(_ exchange: FixtureExchange, _ name: String, in directory: URL) throws {
        let file = directory.appendingPathComponent(name + ".json")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try RecordingFetcher.encode(exchange).write(to: file)
    }

    @Test func recordThenReplayGivesIdenticalResponsesWithSecretsScrubbed() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let server = try TestServers.standard()
        defer { server.stop() }
        let secret = "cc-secret-4f9a2b7e"
        let recorder = RecordingFetcher(
            directory: root.url, live: CurlFetcher(logger: logger),
            secrets: ["CRYPTOCOMPARE_API_KEY": secret, "ENVIRONMENT": "development"], logger: logger)
        var request = WorkerRequest(
            url: URL(string: server.baseURL + "/json?fsym=BTC&tsym=USD&limit=2000&api_key=\(secret)")!)
        request.headers[.authorization] = "Apikey \(secret)"
        request.headers[.accept] = "application/json"
        let live = try await recorder.fetch(request)
        let liveBody = try await live.body.collect()

        let files = FileManager.default.enumerator(at: root.url, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
        #expect(files.count == 1)
        let text = try String(contentsOf: files[0], encoding: .utf8)
        #expect(!text.contains(secret))
        #expect(text.contains("\"authorization\" : \"SCRUBBED\""))
        #expect(text.contains("api_key=SCRUBBED"))
        #expect(files[0].deletingLastPathComponent().lastPathComponent == "127.0.0.1")

        // Replay: parameters in another order and another key still match; nothing hits the network.
        server.stop()
        let replayer = ReplayingFetcher(store: FixtureStore(directory: root.url), logger: logger)
        let replayRequest = WorkerRequest(
            url: URL(string: server.baseURL + "/json?limit=2000&api_key=other&tsym=USD&fsym=BTC")!)
        let replayed = try await replayer.fetch(replayRequest)
        #expect(replayed.status == live.status)
        #expect(try await replayed.body.collect() == liveBody)
        #expect(replayed.header("content-type") == live.header("content-type"))
        #expect(replayed.header("x-upstream") == "loopback")
    }

    @Test func missingFixtureNamesTheRequestAndTheNearestOnes() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        for symbol in ["BTCUSDT", "ETHUSDT"] {
            let url = "https://api.binance.us/api/v3/klines?symbol=\(symbol)&interval=1h&limit=1000"
            try write(
                FixtureExchange(
                    request: FixtureRequest(method: "GET", url: url),
                    response: FixtureResponse(status: 200, body: FixtureBody(json: .array([])))),
                "api.binance.us/klines-\(symbol)", in: root.url)
        }
        let fetcher = ReplayingFetcher(store: FixtureStore(directory: root.url), logger: logger)
        let url = "https://api.binance.us/api/v3/klines?symbol=DOGEUSDT&interval=1h&limit=1000"
        let error = await #expect(throws: FetchError.self) {
            _ = try await fetcher.fetch(WorkerRequest(url: URL(string: url)!))
        }
        #expect(error?.code == .noFixture)
        let message = error?.message ?? ""
        #expect(
            message.hasPrefix("No fixture for GET \(url) in \(root.url.standardizedFileURL.path). Nearest recorded:"))
        #expect(message.contains("  - GET https://api.binance.us/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000"))
        #expect(message.contains("(api.binance.us/klines-ETHUSDT)"))
    }

    @Test func ignoresClockDerivedParametersAndMatchesBodies() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try write(
            FixtureExchange(
                request: FixtureRequest(
                    method: "GET", url: "https://api.example.com/v1/candles?symbol=BTC&endTime=1700000000000",
                    ignoreQuery: ["endTime", "startTime"]),
                response: FixtureResponse(status: 200, body: FixtureBody(text: "candles"))),
            "api.example.com/candles", in: root.url)
        try write(
            FixtureExchange(
                request: FixtureRequest(
                    method: "POST", url: "https://api.example.com/v1/query", body: FixtureBody(json: ["q": "a"]),
                    matchBody: true),
                response: FixtureResponse(status: 201, body: FixtureBody(text: "query a"))),
            "api.example.com/query-a", in: root.url)
        let fetcher = ReplayingFetcher(store: FixtureStore(directory: root.url), logger: logger)
        let clocked = URL(string: "https://api.example.com/v1/candles?startTime=1&symbol=BTC&endTime=1799999999999")!
        #expect(try await fetcher.fetch(WorkerRequest(url: clocked)).body.text() == "candles")
        let wrongSymbol = URL(string: "https://api.example.com/v1/candles?symbol=ETH")!
        await #expect(throws: FetchError.self) { _ = try await fetcher.fetch(WorkerRequest(url: wrongSymbol)) }

        let query = URL(string: "https://api.example.com/v1/query")!
        let matching = try await fetcher.fetch(
            WorkerRequest(method: .post, url: query, body: WorkerBody(text: #"{ "q" : "a" }"#)))
        #expect(matching.status.code == 201)
        await #expect(throws: FetchError.self) {
            _ = try await fetcher.fetch(WorkerRequest(method: .post, url: query, body: WorkerBody(text: #"{"q":"b"}"#)))
        }
    }

    @Test func replayOrLiveFallsBackToTheNetwork() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let server = try TestServers.standard()
        defer { server.stop() }
        let fetcher = FlareFetchModule.makeFetcher(mode: .replayOrLive, fixturesDirectory: root.url, logger: logger)
        let response = try await fetcher.fetch(WorkerRequest(url: URL(string: server.baseURL + "/json")!))
        #expect(try await response.body.text().contains("Success"))
        #expect(server.requestCount == 1)
    }

    @Test func pruneRemovesFixturesNoReplayUsed() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        for name in ["used", "unused"] {
            try write(
                FixtureExchange(
                    request: FixtureRequest(method: "GET", url: "https://api.example.com/\(name)"),
                    response: FixtureResponse(status: 200, body: FixtureBody(text: name))),
                "api.example.com/\(name)", in: root.url)
        }
        let catalog = FixtureCatalog(directory: root.url)
        await #expect(throws: FetchError.self) { _ = try await catalog.prune() }
        let fetcher = FlareFetchModule.makeFetcher(mode: .replay, fixturesDirectory: root.url, logger: logger)
        _ = try await fetcher.fetch(WorkerRequest(url: URL(string: "https://api.example.com/used")!))
        #expect(try await catalog.verify().isEmpty)
        #expect(try await catalog.prune() == ["api.example.com/unused"])
        #expect(try await catalog.list().count == 1)
    }
}
