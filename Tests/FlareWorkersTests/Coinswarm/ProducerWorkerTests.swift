import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

struct ProducerWorkerTests {
    private static let btcAnswers: [String: FakeFetcher.Answer] = [
        UpstreamURLs.binanceKlines(symbol: "BTCUSDT"): .status(200, CoinswarmSamples.binanceKlines),
        UpstreamURLs.coinGeckoMarketChart(coinID: "bitcoin"): .status(200, CoinswarmSamples.coinGeckoMarketChart),
        UpstreamURLs.cryptoCompareMinute(fsym: "BTC"): .status(200, CoinswarmSamples.cryptoCompare(count: 250)),
    ]

    @Test func statusResponseIsTheOriginalBody() async throws {
        let env = CoinswarmTestEnvironment().env
        let response = try await HistoricalDataQueueProducer().fetch(
            WorkerRequest(method: .post, url: URL(string: "http://localhost/anything")!), env: env,
            ctx: ExecutionContext())
        #expect(response.status.code == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(
            try await response.body.text()
                == #"{"status":"ok","message":"Historical Data Queue Producer is running","role":"Runs every 30 "#
                + #"minutes to fetch data and queue it","schedule":"*/30 * * * *"}"#)
    }

    /// §8.1: every queued point carries `timeframe`, `volumeFrom`, `volumeTo`, in seconds and `BASE-QUOTE`.
    @Test func scheduledRunQueuesContractPoints() async throws {
        var test = CoinswarmTestEnvironment()
        test.fetcher = FakeFetcher(Self.btcAnswers)
        test.vars = ["TOKENS": "BTC-USDT:bitcoin", "POINTS_PER_MESSAGE": "1"]
        try await HistoricalDataQueueProducer().scheduled(
            ScheduledController(scheduledTime: test.clock.now(), cron: "*/30 * * * *"), env: test.env,
            ctx: ExecutionContext())
        #expect(Set(test.fetcher.urls) == Set(Self.btcAnswers.keys))
        #expect(test.queue.batches.map(\.count) == [100, 100, 54])  // 2 + 2 + 250 single-point messages
        let points = try test.queue.bodies.map { try PricePoint(validating: try #require($0.jsonValue)) }
        #expect(
            Dictionary(grouping: points, by: \.source).mapValues(\.count) == [
                .binance: 2, .coingecko: 2, .cryptocompare: 250,
            ])
        #expect(Set(points.map(\.symbol)) == ["BTC-USDT"])
        #expect(
            Set(points.map { "\($0.source.rawValue):\($0.timeframe)" }) == [
                "binance:1h", "coingecko:1d", "cryptocompare:1m",
            ])
        #expect(points.allSatisfy { $0.timestamp < PricePoint.millisecondThreshold })
        let raw = try #require(test.queue.bodies.first?.jsonValue?.objectValue)
        #expect(
            Set(raw.keys) == [
                "symbol", "timestamp", "timeframe", "open", "high", "low", "close", "volumeFrom", "volumeTo", "source",
            ])
        #expect(test.logs.all.contains("✅ Queued 254 data points in 0ms"))
    }

    @Test func defaultPacksOneHundredPointsPerMessage() async throws {
        var test = CoinswarmTestEnvironment()
        test.fetcher = FakeFetcher(Self.btcAnswers)
        test.vars = ["TOKENS": "BTC-USDT:bitcoin"]
        try await HistoricalDataQueueProducer().scheduled(
            ScheduledController(scheduledTime: test.clock.now(), cron: ""), env: test.env, ctx: ExecutionContext())
        let sizes = test.queue.bodies.map { $0.jsonValue?.arrayValue?.count ?? 0 }
        #expect(sizes == [2, 2, 100, 100, 50])
        #expect(test.queue.batches.count == 1)
    }

    /// A failed source logs its line and contributes nothing; the others still queue; 0 points does
    /// not divide by zero (§8.25).
    @Test func failedSourcesLogAndContributeNothing() async throws {
        var test = CoinswarmTestEnvironment()
        test.fetcher = FakeFetcher([
            UpstreamURLs.binanceKlines(symbol: "BTCUSDT"): .status(451, "{}"),
            UpstreamURLs.coinGeckoMarketChart(coinID: "bitcoin"): .failure("connection refused"),
            UpstreamURLs.cryptoCompareMinute(fsym: "BTC"): .status(200, CoinswarmSamples.cryptoCompareError),
        ])
        test.vars = ["TOKENS": "BTC-USDT:bitcoin"]
        try await HistoricalDataQueueProducer().scheduled(
            ScheduledController(scheduledTime: test.clock.now(), cron: ""), env: test.env, ctx: ExecutionContext())
        let logs = test.logs.all
        #expect(logs.contains("Binance error for BTCUSDT: 451"))
        #expect(logs.contains("CoinGecko fetch failed for bitcoin: connection refused"))
        #expect(
            logs.contains { $0.hasPrefix("CryptoCompare fetch failed for BTC-USDT: Unexpected CryptoCompare response") }
        )
        #expect(test.queue.batches.isEmpty)
        #expect(logs.contains("   Average: n/a (no data points fetched)"))
    }

    @Test func defaultTokensFetchNineSources() async throws {
        var test = CoinswarmTestEnvironment()
        test.fetcher = FakeFetcher([:])
        try await HistoricalDataQueueProducer().scheduled(
            ScheduledController(scheduledTime: test.clock.now(), cron: ""), env: test.env, ctx: ExecutionContext())
        #expect(test.fetcher.urls.count == 9)
        #expect(
            test.fetcher.urls.contains(
                "https://api.coingecko.com/api/v3/coins/solana/market_chart?vs_currency=usd&days=30&interval=daily"))
        #expect(HistoricalDataQueueProducer.twoDecimals(0.166) == "0.17")
    }
}
