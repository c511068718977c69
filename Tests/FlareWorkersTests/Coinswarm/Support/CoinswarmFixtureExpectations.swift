import Foundation

/// What the shipped fixtures should put in `price_data`, read straight from the fixture files
/// (with `JSONSerialization`, independently of the workers' parsers), so the end-to-end tests never
/// hard-code a row count.
enum CoinswarmFixtureExpectations {
    /// The repository's `fixtures/` directory.
    static let directory = repositoryRoot.appendingPathComponent("fixtures", isDirectory: true)
    /// The repository root.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The Coinswarm wrangler configs.
    static func config(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("wrangler-configs/coinswarm/\(name)").path
    }

    /// One `price_data` group: the rows one source gives one symbol.
    struct Group: Hashable, Comparable, CustomStringConvertible {
        var symbol: String
        var source: String
        var timeframe: String

        static func < (lhs: Group, rhs: Group) -> Bool { lhs.description < rhs.description }
        var description: String { "\(symbol)/\(source)/\(timeframe)" }
    }

    /// The producer's default tokens: symbol, Binance pair, CoinGecko id, CryptoCompare fsym.
    static let tokens = [
        ("BTC-USDT", "BTCUSDT", "bitcoin", "BTC"), ("ETH-USDT", "ETHUSDT", "ethereum", "ETH"),
        ("SOL-USDT", "SOLUSDT", "solana", "SOL"),
    ]

    /// The distinct candle open times (seconds) per group that one producer run fetches.
    static func producerRun() throws -> [Group: Set<Int64>] {
        var result: [Group: Set<Int64>] = [:]
        for (symbol, pair, coin, fsym) in tokens {
            let klines = try body("api.binance.us/klines-\(pair)-1h-1000") as? [[Any]] ?? []
            result[Group(symbol: symbol, source: "binance", timeframe: "1h")] = Set(
                klines.map { Int64(truncating: $0[0] as? NSNumber ?? 0) / 1000 })
            let chart = try body("api.coingecko.com/market_chart-\(coin)-usd-30d-daily") as? [String: Any]
            let prices = chart?["prices"] as? [[Any]] ?? []
            result[Group(symbol: symbol, source: "coingecko", timeframe: "1d")] = Set(
                prices.map { Int64(truncating: $0[0] as? NSNumber ?? 0) / 1000 })
            result[Group(symbol: symbol, source: "cryptocompare", timeframe: "1m")] = Set(
                try candles("min-api.cryptocompare.com/histominute-\(fsym)-USD-2000").map(\.time))
        }
        return result
    }

    /// The histoday pages the import worker walks, in order: each page's real candle times and
    /// whether it is full (`limit` or more candles and no padding), so that `/trigger` pages on.
    static func importPages() throws -> [(times: [Int64], full: Bool)] {
        var pages: [(times: [Int64], full: Bool)] = []
        for number in 1... {
            let name = "min-api.cryptocompare.com/histoday-BTC-USDC-CCCAGG-page\(number)"
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).json").path) else {
                break
            }
            let all = try candles(name)
            let real = all.filter { !$0.isPadding }
            pages.append((real.map(\.time), all.count >= 2000 && real.count == all.count))
            if !(pages.last?.full ?? false) { break }
        }
        return pages
    }

    /// A CryptoCompare candle's time and whether it is all-zero padding.
    struct Candle {
        var time: Int64
        var isPadding: Bool
    }

    static func candles(_ name: String) throws -> [Candle] {
        let root = try body(name) as? [String: Any]
        let rows = (root?["Data"] as? [String: Any])?["Data"] as? [[String: Any]] ?? []
        return rows.map { row in
            let prices = ["open", "high", "low", "close"].map { (row[$0] as? NSNumber)?.doubleValue ?? 0 }
            return Candle(
                time: Int64(truncating: row["time"] as? NSNumber ?? 0), isPadding: prices.allSatisfy { $0 == 0 })
        }
    }

    /// The response body (`{"json": …}`) of fixture `name`.
    static func body(_ name: String) throws -> Any {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).json"))
        let exchange = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let response = exchange?["response"] as? [String: Any]
        return (response?["body"] as? [String: Any])?["json"] ?? NSNull()
    }
}
