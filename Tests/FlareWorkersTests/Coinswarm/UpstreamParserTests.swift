import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

struct UpstreamParserTests {
    @Test func binanceKlinesBecomeHourlyPointsInSeconds() throws {
        let points = try BinanceKlinesParser.parse(Data(CoinswarmSamples.binanceKlines.utf8), symbol: "BTC-USDT")
        #expect(points.count == 2)
        #expect(points[0].timestamp == 1_700_000_000)
        #expect(points[0].timeframe == "1h")
        #expect(points[0].open == 37000.10 && points[0].close == 37050)
        #expect(points[0].volumeFrom == 12.5 && points[0].volumeTo == 462500.25)
        #expect(points[1].timestamp - points[0].timestamp == 3600)
    }

    @Test func binanceShortKlineHasNoQuoteVolume() throws {
        let body = #"[[1700000000000,"1","2","0.5","1.5","3"]]"#
        let points = try BinanceKlinesParser.parse(Data(body.utf8), symbol: "BTC-USDT")
        #expect(points.first?.volumeFrom == 3 && points.first?.volumeTo == nil)
        #expect(throws: UpstreamError.self) {
            try BinanceKlinesParser.parse(Data(#"{"code":-1121,"msg":"Invalid symbol."}"#.utf8), symbol: "X")
        }
    }

    /// §8.4: no fabricated ±1 % high/low, no fake zero volume.
    @Test func coinGeckoPricesBecomeDailyPoints() throws {
        let points = try CoinGeckoMarketChartParser.parse(
            Data(CoinswarmSamples.coinGeckoMarketChart.utf8), symbol: "BTC-USDT")
        #expect(points.map(\.timestamp) == [1_699_920_000, 1_700_006_400])
        #expect(points.allSatisfy { $0.timeframe == "1d" && $0.source == .coingecko && $0.symbol == "BTC-USDT" })
        #expect(points[0].high == 36500.5 && points[0].low == 36500.5)
        #expect(points[0].volumeFrom == nil && points[0].volumeTo == nil)
    }

    @Test func cryptoCompareCandlesParse() throws {
        let candles = try CryptoCompareHistoParser.parse(Data(CoinswarmSamples.cryptoCompare(count: 3).utf8))
        #expect(candles.count == 3)
        #expect(candles.last?.time == 1_700_006_400)
        let point = candles[0].point(symbol: "BTC-USDT", timeframe: "1m")
        #expect(point.volumeFrom == 2.5 && point.volumeTo == 250.75 && point.timestamp == 1_700_006_280)
    }

    @Test func cryptoCompareErrorBodyThrowsThePythonMessage() {
        #expect {
            try CryptoCompareHistoParser.parse(Data(CoinswarmSamples.cryptoCompareError.utf8))
        } throws: { error in
            "\(error)".hasPrefix("Unexpected CryptoCompare response: {\"Response\":\"Error\"")
        }
    }

    @Test func urlsAreTheSpecTemplates() {
        #expect(
            UpstreamURLs.binanceKlines(symbol: "BTCUSDT")
                == "https://api.binance.us/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000")
        #expect(
            UpstreamURLs.coinGeckoMarketChart(coinID: "bitcoin")
                == "https://api.coingecko.com/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=30&interval=daily")
        #expect(
            UpstreamURLs.cryptoCompareMinute(fsym: "BTC")
                == "https://min-api.cryptocompare.com/data/v2/histominute?fsym=BTC&tsym=USD&limit=2000")
        #expect(
            UpstreamURLs.cryptoCompareHistory(
                timeframe: .day, fsym: "BTC", tsym: "USDC", limit: 2000, exchange: "CCCAGG", toTs: 1_699_920_000,
                apiKey: "K")
                == "https://min-api.cryptocompare.com/data/v2/histoday?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG"
                + "&toTs=1699920000&api_key=K")
        #expect(
            UpstreamURLs.cryptoCompareHistory(
                timeframe: .hour, fsym: "BTC", tsym: "USDC", limit: 2000, exchange: "CCCAGG", toTs: nil, apiKey: "")
                == "https://min-api.cryptocompare.com/data/v2/histohour?fsym=BTC&tsym=USDC&limit=2000&e=CCCAGG")
    }

    @Test func collectorRequestsCarryKeysOnlyWhenSet() {
        let token = Token(symbol: "ETH-USDT", coinID: "ethereum")
        let bare = UpstreamCollector.request(
            for: .init(token: token, source: .coingecko), coinGeckoKey: "", cryptoCompareKey: "")
        #expect(bare.headers == ["Accept": "application/json"])
        let keyed = UpstreamCollector.request(
            for: .init(token: token, source: .cryptocompare), coinGeckoKey: "", cryptoCompareKey: "abc")
        #expect(keyed.headers["authorization"] == "Apikey abc")
        #expect(keyed.url.hasSuffix("fsym=ETH&tsym=USD&limit=2000"))
        #expect(UpstreamCollector.jobs(for: [token, Token(symbol: "X-USDT", coinID: nil)]).count == 5)
    }
}
