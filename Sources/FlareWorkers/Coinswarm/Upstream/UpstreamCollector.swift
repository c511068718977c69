import FlareWorkerAPI
import Logging

/// Fetches every token from every source concurrently (the original's `Promise.allSettled` over 9
/// fetchers). A failed source logs its error line and contributes nothing.
struct UpstreamCollector: Sendable {
    /// One fetch: which token and source.
    struct Job: Sendable, Hashable {
        var token: Token
        var source: PriceSource
    }

    var env: WorkerEnvironment
    /// `COINGECKO` (sent as `x-cg-demo-api-key`; omitted when unset, §8.15).
    var coinGeckoKey: String
    /// `CRYPTOCOMPARE_API_KEY` (sent as `authorization: Apikey …`; omitted when unset).
    var cryptoCompareKey: String

    /// The jobs for `tokens`, in the original order: per token Binance, CoinGecko, CryptoCompare.
    static func jobs(for tokens: [Token]) -> [Job] {
        tokens.flatMap { token in
            [Job(token: token, source: .binance)]
                + (token.coinID == nil ? [] : [Job(token: token, source: .coingecko)])
                + [Job(token: token, source: .cryptocompare)]
        }
    }

    /// Runs every job concurrently; the results keep the jobs' order.
    func collect(_ jobs: [Job]) async -> [[PricePoint]] {
        await withTaskGroup(of: (Int, [PricePoint]).self) { group in
            for (index, job) in jobs.enumerated() {
                group.addTask { (index, await fetch(job)) }
            }
            var results = [[PricePoint]](repeating: [], count: jobs.count)
            for await (index, points) in group { results[index] = points }
            return results
        }
    }

    /// One fetch, logging `<Source> error for <id>: <status>` or `<Source> fetch failed for <id>: <error>`.
    func fetch(_ job: Job) async -> [PricePoint] {
        let request = Self.request(for: job, coinGeckoKey: coinGeckoKey, cryptoCompareKey: cryptoCompareKey)
        do {
            let response = try await env.fetch(request.url, headers: request.headers)
            guard response.ok else {
                env.logger.error("\(request.label) error for \(request.id): \(response.status.code)")
                return []
            }
            let data = try await response.body.collect()
            let symbol = job.token.symbol
            switch job.source {
            case .binance:
                return try BinanceKlinesParser.parse(data, symbol: symbol)
            case .coingecko:
                return try CoinGeckoMarketChartParser.parse(data, symbol: symbol)
            case .cryptocompare, .dexscreener:
                return try CryptoCompareHistoParser.parse(data).map {
                    $0.point(symbol: symbol, timeframe: CryptoCompareTimeframe.minute.label)
                }
            }
        } catch {
            env.logger.error("\(request.label) fetch failed for \(request.id): \(error)")
            return []
        }
    }

    /// What one job requests: the log label and id, the URL and headers.
    struct Request: Sendable, Hashable {
        var label: String
        var id: String
        var url: String
        var headers: [String: String]
    }

    /// The request for `job`; the log ids are the original's (`BTCUSDT`, `bitcoin`, the token symbol).
    static func request(for job: Job, coinGeckoKey: String, cryptoCompareKey: String) -> Request {
        let symbol = job.token.symbol
        var headers = ["Accept": "application/json"]
        switch job.source {
        case .binance:
            let pair = CanonicalSymbol.binance(symbol)
            return Request(label: "Binance", id: pair, url: UpstreamURLs.binanceKlines(symbol: pair), headers: headers)
        case .coingecko:
            let coin = job.token.coinID ?? ""
            if !coinGeckoKey.isEmpty { headers["x-cg-demo-api-key"] = coinGeckoKey }
            return Request(
                label: "CoinGecko", id: coin, url: UpstreamURLs.coinGeckoMarketChart(coinID: coin), headers: headers)
        case .cryptocompare, .dexscreener:
            if !cryptoCompareKey.isEmpty { headers["authorization"] = "Apikey \(cryptoCompareKey)" }
            let url = UpstreamURLs.cryptoCompareMinute(fsym: CanonicalSymbol.base(of: symbol))
            return Request(label: "CryptoCompare", id: symbol, url: url, headers: headers)
        }
    }
}
