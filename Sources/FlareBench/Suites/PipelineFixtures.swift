import FlareWorkerAPI
import FlareWorkers
import Foundation

/// The Coinswarm producer's nine upstream fixtures, replayed `runs` times with every candle moved
/// later by one fixture span per run, so that each producer run stores new rows (a plain replay
/// would make every run after the first a no-op of ignored duplicates).
///
/// Everything here is prepared before timing starts: the shifted response bodies, and the rows they
/// give (through the Coinswarm workers' own parsers), for the raw SQLite baseline.
struct PipelineFixtures: Sendable {
    /// The repository root: the working directory when it holds `fixtures/`, else the source tree.
    static var repositoryRoot: URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        if FileManager.default.fileExists(atPath: current.appendingPathComponent("fixtures/api.binance.us").path) {
            return current
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Response bodies per request key, one per run in run order.
    var bodies: [String: [Data]] = [:]
    /// Every row of every run (distinct on the UNIQUE key), in the order the runs fetch them.
    var rows: [PricePoint] = []

    /// The producer's default tokens: symbol, Binance pair, CoinGecko id, CryptoCompare fsym.
    static let tokens = [
        ("BTC-USDT", "BTCUSDT", "bitcoin", "BTC"), ("ETH-USDT", "ETHUSDT", "ethereum", "ETH"),
        ("SOL-USDT", "SOLUSDT", "solana", "SOL"),
    ]

    /// Loads and shifts the fixtures.
    /// - Throws: when a fixture is missing or not in the expected shape.
    init(runs: Int, root: URL = repositoryRoot) throws {
        let fixtures = root.appendingPathComponent("fixtures", isDirectory: true)
        for run in 0..<runs {
            for (symbol, pair, coin, fsym) in Self.tokens {
                try add(
                    fixtures, "api.binance.us/klines-\(pair)-1h-1000", run: run,
                    shift: { json, run in Self.shiftBinance(json, by: Int64(run) * 1000 * 3_600_000) },
                    rows: { try BinanceKlinesParser.parse($0, symbol: symbol) })
                try add(
                    fixtures, "api.coingecko.com/market_chart-\(coin)-usd-30d-daily", run: run,
                    shift: { json, run in Self.shiftCoinGecko(json, by: Int64(run) * 40 * 86_400_000) },
                    rows: { try CoinGeckoMarketChartParser.parse($0, symbol: symbol) })
                try add(
                    fixtures, "min-api.cryptocompare.com/histominute-\(fsym)-USD-2000", run: run,
                    shift: { json, run in Self.shiftCryptoCompare(json, by: Int64(run) * 2001 * 60) },
                    rows: { try CryptoCompareHistoParser.parse($0).map { $0.point(symbol: symbol, timeframe: "1m") } })
            }
        }
    }

    private mutating func add(
        _ directory: URL, _ name: String, run: Int, shift: (Any, Int) -> Any,
        rows makeRows: (Data) throws -> [PricePoint]
    ) throws {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).json"))
        guard let exchange = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let request = exchange["request"] as? [String: Any],
            let url = (request["url"] as? String).flatMap({ URL(string: $0) }),
            let body = ((exchange["response"] as? [String: Any])?["body"] as? [String: Any])?["json"]
        else { throw PipelineBenchFailure.fixture(name) }
        let shifted = shift(body, run)
        let shiftedData = try JSONSerialization.data(withJSONObject: shifted)
        bodies[Self.key(url), default: []].append(shiftedData)
        rows.append(contentsOf: try makeRows(shiftedData))
    }

    /// Host, path and sorted query: the producer's URLs match whatever order it writes them in.
    static func key(_ url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let query = (components?.queryItems ?? []).map { "\($0.name)=\($0.value ?? "")" }.sorted()
        return "\(url.host ?? "")\(url.path)?\(query.joined(separator: "&"))"
    }

    // MARK: Shifting

    static func shiftBinance(_ json: Any, by milliseconds: Int64) -> Any {
        (json as? [[Any]] ?? []).map { kline in
            var kline = kline
            for index in [0, 6] where index < kline.count {
                kline[index] = NSNumber(value: int64(kline[index]) + milliseconds)
            }
            return kline
        }
    }

    static func shiftCoinGecko(_ json: Any, by milliseconds: Int64) -> Any {
        var chart = json as? [String: Any] ?? [:]
        for key in ["prices", "market_caps", "total_volumes"] {
            chart[key] = (chart[key] as? [[Any]] ?? []).map { pair in
                [NSNumber(value: int64(pair[0]) + milliseconds), pair[1]]
            }
        }
        return chart
    }

    static func shiftCryptoCompare(_ json: Any, by seconds: Int64) -> Any {
        var root = json as? [String: Any] ?? [:]
        var data = root["Data"] as? [String: Any] ?? [:]
        data["Data"] = (data["Data"] as? [[String: Any]] ?? []).map { candle in
            var candle = candle
            candle["time"] = NSNumber(value: int64(candle["time"] as Any) + seconds)
            return candle
        }
        for key in ["TimeFrom", "TimeTo"] { data[key] = NSNumber(value: int64(data[key] as Any) + seconds) }
        root["Data"] = data
        return root
    }

    private static func int64(_ value: Any) -> Int64 {
        (value as? NSNumber)?.int64Value ?? (value as? String).flatMap { Int64($0) } ?? 0
    }
}
