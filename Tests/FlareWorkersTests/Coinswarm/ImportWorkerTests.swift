import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

struct ImportWorkerTests {
    private static let base = "https://min-api.cryptocompare.com/data/v2/"

    private static func trigger(_ url: String, body: String = "") -> WorkerRequest {
        WorkerRequest(method: .post, url: URL(string: url)!, body: WorkerBody(text: body))
    }

    /// POST /trigger then POST /trigger {"toTs": next} pages back until "done" (§8.7), rows labelled
    /// with the fetched timeframe (§8.6).
    @Test func triggerPagesBackUntilDone() async throws {
        var test = CoinswarmTestEnvironment()
        let first = Self.base + "histoday?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG&api_key=K"
        let oldest: Int64 = 1_700_006_400 - 2000 * 86_400
        let second = Self.base + "histoday?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG&toTs=\(oldest - 1)&api_key=K"
        test.fetcher = FakeFetcher([
            first: .status(200, CoinswarmSamples.cryptoCompare(count: 2001, step: 86_400)),
            second: .status(
                200, CoinswarmSamples.cryptoCompare(count: 2001, end: oldest - 86_400, step: 86_400, zeros: 1900)),
        ])
        test.vars = ["CRYPTOCOMPARE_API_KEY": "K"]
        let worker = HistoricalImportWorker()
        let response = try await worker.fetch(
            Self.trigger("http://localhost/trigger"), env: test.env, ctx: ExecutionContext())
        #expect(response.status.code == 200)
        let json = try await response.body.json()
        #expect(json["inserted"] == 2001 && json["next_toTs"] == .int(oldest - 1))
        #expect(json["message"] == "Inserted 2001 BTC-USDC daily candles.")
        #expect(json["next_trigger"] == .string("POST /trigger with toTs=\(oldest - 1)"))
        #expect(json["candles"]?.arrayValue?.count == 2001)
        #expect(test.queue.bodies.count == 21)

        let next = try await worker.fetch(
            Self.trigger("http://localhost/trigger", body: #"{"toTs": \#(oldest - 1)}"#), env: test.env,
            ctx: ExecutionContext())
        let page2 = try await next.body.json()
        #expect(page2["inserted"] == 101 && page2["next_toTs"] == .null && page2["next_trigger"] == "done")
        #expect(test.fetcher.urls == [first, second])
        let points = try test.queue.bodies.flatMap { try MessageFlattener.elements(of: $0) }.map(
            PricePoint.init(validating:))
        #expect(points.count == 2102)
        #expect(points.allSatisfy { $0.timeframe == "1d" && $0.symbol == "BTC-USDC" && $0.source == .cryptocompare })
    }

    /// The query-string toTs works now, and `timeframe=hour` fetches histohour labelled `1h` (§8.6).
    @Test func queryToTsAndHourlyTimeframe() async throws {
        var test = CoinswarmTestEnvironment()
        let url = Self.base + "histohour?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG&toTs=1700000000"
        test.fetcher = FakeFetcher([url: .status(200, CoinswarmSamples.cryptoCompare(count: 10, step: 3600))])
        let response = try await HistoricalImportWorker().fetch(
            Self.trigger("http://localhost/trigger?toTs=1700000000&timeframe=hour"), env: test.env,
            ctx: ExecutionContext())
        let json = try await response.body.json()
        #expect(json["message"] == "Inserted 10 BTC-USDC hourly candles.")
        let points = try MessageFlattener.elements(of: try #require(test.queue.bodies.first)).map(
            PricePoint.init(validating:))
        #expect(points.allSatisfy { $0.timeframe == "1h" })
    }

    @Test func upstreamFailureAnswers500() async throws {
        var test = CoinswarmTestEnvironment()
        test.fetcher = FakeFetcher([
            Self.base + "histoday?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG": .status(429, "{}")
        ])
        let response = try await HistoricalImportWorker().fetch(
            Self.trigger("http://localhost/trigger"), env: test.env, ctx: ExecutionContext())
        #expect(response.status.code == 500)
        let json = try await response.body.json()
        #expect(json["error"] == "HTTP error: 429")
        #expect(json["traceback"]?.stringValue != nil)
        #expect(test.logs.all.contains("Exception in /trigger: HTTP error: 429"))
        #expect(test.queue.batches.isEmpty)
    }

    @Test func otherRequestsGetUsage() async throws {
        let test = CoinswarmTestEnvironment()
        for request in [
            WorkerRequest(url: URL(string: "http://localhost/trigger")!),
            Self.trigger("http://localhost/other"),
        ] {
            let response = try await HistoricalImportWorker().fetch(request, env: test.env, ctx: ExecutionContext())
            #expect(response.status.code == 200)
            #expect(
                try await response.body.text() == #"{"status":"ok","message":"Use POST /trigger to start ingestion."}"#)
        }
    }

    @Test func emptyHistoryIsDone() async throws {
        var test = CoinswarmTestEnvironment()
        test.fetcher = FakeFetcher([
            Self.base + "histoday?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG&toTs=1": .status(
                200, CoinswarmSamples.cryptoCompare(count: 0))
        ])
        let response = try await HistoricalImportWorker().fetch(
            Self.trigger("http://localhost/trigger", body: #"{"toTs":1}"#), env: test.env, ctx: ExecutionContext())
        #expect(
            try await response.body.text()
                == #"{"inserted":0,"next_toTs":null,"oldest":null,"newest":null,"#
                + #""message":"Inserted 0 BTC-USDC daily candles.","next_trigger":"done"}"#)
    }

    @Test func workersAreRegisteredUnderTheirConfigNames() {
        #expect(
            CoinswarmWorkers.all.map { $0.name } == [
                "historical-data-queue-producer", "historical-data-queue-consumer", "coinswarm-historical-import",
            ])
    }
}
