import FlareWorkerAPI
import Testing

@testable import FlareWorkers

struct PricePointDecodingTests {
    @Test func contractRoundTripsThroughJSON() throws {
        let point = PricePoint(
            symbol: "BTC-USDT", timestamp: 1_700_000_000, timeframe: "1h", open: 1, high: 2, low: 0.5, close: 1.5,
            volumeFrom: 10, volumeTo: nil, source: .binance)
        let decoded = try PricePoint(validating: try JSONValue(parsing: point.jsonValue.jsonString()))
        #expect(decoded == point)
        #expect(point.jsonValue["volumeTo"] == .null)
        #expect(point.insertValues.count == 10)
        #expect(point.insertValues[8] == .null)
    }

    /// §8.1, §8.2, §8.3: the original producer's message now yields a complete row.
    @Test func originalProducerMessageIsReconciled() throws {
        let point = try PricePoint(validating: try JSONValue(parsing: CoinswarmSamples.originalProducerPoint))
        #expect(point.symbol == "BTC-USDT")
        #expect(point.timestamp == 1_700_000_000)
        #expect(point.timeframe == "1h")
        #expect(point.volumeFrom == 12.5)
        #expect(point.volumeTo == nil)
        #expect(point.insertValues.prefix(8).allSatisfy { !$0.isNull })
    }

    @Test func legacyVolumeMappingPerSource() throws {
        let cryptoCompare = try PricePoint(
            validating: [
                "symbol": "ETHUSDT", "timestamp": 1_700_000_000_000, "open": 1, "high": 1, "low": 1, "close": 1,
                "volume": 99, "source": "cryptocompare",
            ])
        #expect(cryptoCompare.volumeTo == 99 && cryptoCompare.volumeFrom == nil)
        #expect(cryptoCompare.timeframe == "1m")
        let coinGecko = try PricePoint(
            validating: [
                "symbol": "BITCOINUSDT", "timestamp": 1_699_920_000_000, "open": 1, "high": 1, "low": 1, "close": 1,
                "volume": 0, "source": "coingecko",
            ])
        #expect(coinGecko.symbol == "BTC-USDT")
        #expect(coinGecko.timeframe == "1d")
        #expect(coinGecko.volumeFrom == nil && coinGecko.volumeTo == nil)
    }

    @Test func pythonWorkerPointKeepsSecondsAndSymbol() throws {
        let point = try PricePoint(
            validating: [
                "symbol": "BTC-USDC", "timestamp": 1_699_920_000, "timeframe": "1d", "open": 1.0, "high": 2.0,
                "low": 0.5, "close": 1.5, "volumeFrom": 3.0, "volumeTo": 4.5, "source": "cryptocompare",
            ])
        #expect(point.symbol == "BTC-USDC" && point.timestamp == 1_699_920_000)
        #expect(point.volumeFrom == 3 && point.volumeTo == 4.5)
    }

    @Test(arguments: [
        JSONValue.null,
        [
            "symbol": "BTC-USDT", "timestamp": "1700000000", "open": 1, "high": 1, "low": 1, "close": 1,
            "source": "binance",
        ],
        [
            "symbol": "BTC-USDT", "timestamp": 1_700_000_000, "open": "1", "high": 1, "low": 1, "close": 1,
            "source": "binance",
        ],
        [
            "symbol": "BTC-USDT", "timestamp": 1_700_000_000, "open": 1, "high": 1, "low": 1, "close": 1,
            "source": "kraken",
        ],
        ["timestamp": 1_700_000_000, "open": 1, "high": 1, "low": 1, "close": 1, "source": "binance"],
        ["symbol": "BTC-USDT", "timestamp": 1_700_000_000, "high": 1, "low": 1, "close": 1, "source": "binance"],
        ["symbol": "BTC-USDT", "timestamp": 1_700_000_000, "open": 1, "high": 1, "low": 1, "close": 1],
        [
            "symbol": "BTC-USDT", "timestamp": 1, "open": 1, "high": 1, "low": 1, "close": 1, "volumeTo": "x",
            "source": "binance",
        ],
    ])
    func invalidPointsThrow(_ value: JSONValue) {
        #expect(throws: PointValidationError.self) { try PricePoint(validating: value) }
    }

    @Test func symbolConventionIsBaseDashQuote() {
        #expect(CanonicalSymbol.normalize("BTCUSDT") == "BTC-USDT")
        #expect(CanonicalSymbol.normalize("btc-usdc") == "BTC-USDC")
        #expect(CanonicalSymbol.normalize("SOLANAUSDT") == "SOL-USDT")
        #expect(CanonicalSymbol.normalize("  ") == nil)
        #expect(CanonicalSymbol.normalize("BTC-USDC") == "BTC-USDC")
        #expect(CanonicalSymbol.isCanonical("BTC-USDC") && CanonicalSymbol.isCanonical("1INCH-USDT"))
        #expect(!CanonicalSymbol.isCanonical("btc-usdc") && !CanonicalSymbol.isCanonical(" BTC-USDC"))
        #expect(!CanonicalSymbol.isCanonical("BTCUSDT") && !CanonicalSymbol.isCanonical(""))
        #expect(CanonicalSymbol.binance("ETH-USDT") == "ETHUSDT")
        #expect(CanonicalSymbol.base(of: "SOL-USDT") == "SOL")
    }

    @Test func tokensVarParsesAndDefaults() {
        #expect(Token.parse(nil) == Token.defaults)
        #expect(Token.parse("") == Token.defaults)
        #expect(
            Token.parse("BTCUSDT:bitcoin, DOGE-USDT") == [
                Token(symbol: "BTC-USDT", coinID: "bitcoin"), Token(symbol: "DOGE-USDT", coinID: nil),
            ])
    }
}
