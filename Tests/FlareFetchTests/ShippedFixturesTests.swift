import FlareWorkerAPI
import Foundation
import Logging
import Testing

@testable import FlareFetch

/// The fixtures shipped under `fixtures/` load, verify, and replay the specs' request shapes.
struct ShippedFixturesTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures", isDirectory: true)
    let fetcher = ReplayingFetcher(store: FixtureStore(directory: directory), logger: Logger(label: "test.shipped"))

    /// The replayed body, parsed with `JSONSerialization` (a debug-built `JSONValue` is slow on megabytes).
    private func json(_ url: String) async throws -> Any {
        let response = try await fetcher.fetch(WorkerRequest(url: URL(string: url)!))
        #expect(response.ok, "\(url)")
        return try JSONSerialization.jsonObject(with: try await response.body.collect())
    }

    @Test func everyShippedFixtureParsesAndVerifies() async throws {
        let catalog = FixtureCatalog(directory: Self.directory)
        #expect(try await catalog.verify() == [])
        #expect(try await catalog.list().count == 28)
    }

    @Test func producerRequestsReplay() async throws {
        let tokens = [("BTCUSDT", "bitcoin", "BTC"), ("ETHUSDT", "ethereum", "ETH"), ("SOLUSDT", "solana", "SOL")]
        for (symbol, coin, fsym) in tokens {
            let klines = try await json("https://api.binance.us/api/v3/klines?symbol=\(symbol)&interval=1h&limit=1000")
            let rows = klines as? [[Any]] ?? []
            #expect(rows.count == 1000)
            #expect((rows.first?[0] as? Int).map { $0 > 1_700_000_000_000 } == true)  // ms
            #expect(rows.first?[1] is String)  // prices are strings

            let chart = try await json(
                "https://api.coingecko.com/api/v3/coins/\(coin)/market_chart?vs_currency=usd&days=30&interval=daily")
            for key in ["prices", "market_caps", "total_volumes"] {
                #expect(((chart as? [String: Any])?[key] as? [[Any]])?.count == 31)
            }

            let minutes = try await json(
                "https://min-api.cryptocompare.com/data/v2/histominute?fsym=\(fsym)&tsym=USD&limit=2000")
            let candles = Self.rows(minutes)
            #expect(candles.count == 2001)
            #expect((candles.first?["time"] as? Int).map { $0 < 10_000_000_000 } == true)  // seconds
        }
    }

    private static func rows(_ body: Any) -> [[String: Any]] {
        ((body as? [String: Any])?["Data"] as? [String: Any])?["Data"] as? [[String: Any]] ?? []
    }

    @Test func histodayPagesChainByToTsThenRateLimit() async throws {
        let base = "https://min-api.cryptocompare.com/data/v2/histoday?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG"
        var toTs: Int?
        var pages = 0
        while true {
            let url = base + (toTs.map { "&toTs=\($0)" } ?? "") + "&api_key=any-key"
            let body = try await json(url) as? [String: Any] ?? [:]
            if body["Response"] as? String == "Error" {
                #expect(body["Message"] as? String == "You are over your rate limit please upgrade your account!")
                #expect((body["Data"] as? [String: Any])?["Data"] == nil)
                break
            }
            let rows = Self.rows(body)
            #expect(rows.count == 2001)
            toTs = (rows.first?["time"] as? Int ?? 0) - 1
            pages += 1
        }
        #expect(pages == 3)
    }

    @Test func aceCursorChainsCoverEveryRoute() async throws {
        let window = "raw_data=true&page_size=100000"
        let cases: [(query: String, pages: Int, samples: Int)] = [
            ("start_time=2025-01-01T00%3A00%3A00Z&end_time=2025-01-02T00%3A00%3A00Z&\(window)&point_names=p1", 4, 576),
            (
                "start_time=2025-01-01T00%3A00%3A00Z&end_time=2025-01-05T00%3A00%3A00Z&\(window)&point_names=p1%2Cp2%2Cp3",
                3, 4608
            ),
            ("start_time=2025-01-01T00%3A00%3A00Z&end_time=2025-12-31T00%3A00%3A00Z&\(window)", 5, 18564),
        ]
        for item in cases {
            var cursor: String?
            var pages = 0
            var samples = 0
            repeat {
                var url = "https://api.ace-iot.com/sites/s1/timeseries/paginated?" + item.query
                if let cursor {
                    url += "&cursor=" + cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                }
                let page = try await json(url) as? [String: Any] ?? [:]
                samples += (page["point_samples"] as? [Any])?.count ?? 0
                pages += 1
                cursor = page["has_more"] as? Bool == true ? page["next_cursor"] as? String : nil
            } while cursor != nil
            #expect(pages == item.pages)
            #expect(samples == item.samples)
        }
        let missing = try await fetcher.fetch(
            WorkerRequest(
                url: URL(
                    string: "https://api.ace-iot.com/sites/s1/timeseries/paginated?start_time=2024-01-01T00%3A00%3A00Z"
                        + "&end_time=2024-01-02T00%3A00%3A00Z&\(window)&point_names=p1")!))
        #expect(missing.status.code == 404)
        #expect(try await missing.body.json()["message"]?.stringValue == "No data for time period")
        // Upstream failures for the retry/dead-letter and direct-error paths.
        let base = "https://api.ace-iot.com/sites/s1/timeseries/paginated?"
        let failing = try await fetcher.fetch(
            WorkerRequest(
                url: URL(
                    string: base + "start_time=2023-01-01T00%3A00%3A00Z&end_time=2023-12-31T00%3A00%3A00Z&\(window)")!))
        #expect(failing.status.code == 500)
        let unavailable = try await fetcher.fetch(
            WorkerRequest(
                url: URL(
                    string: base
                        + "start_time=2023-06-01T00%3A00%3A00Z&end_time=2023-06-02T00%3A00%3A00Z&\(window)&point_names=p1"
                )!))
        #expect(unavailable.status.code == 503)
    }
}
