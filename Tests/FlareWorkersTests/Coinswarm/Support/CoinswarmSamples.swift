/// Small inline upstream responses in the shapes the spec describes (§2.3, §4.2).
enum CoinswarmSamples {
    /// Binance.US klines: `[openTime(ms), open, high, low, close, volume, closeTime, quoteVolume, trades,
    /// takerBase, takerQuote, ignore]`, decimals as strings.
    static let binanceKlines = """
        [[1700000000000,"37000.10","37100.00","36950.50","37050.00","12.5",1700003599999,"462500.25",100,"6.0","222000.0","0"],
         [1700003600000,"37050.00","37200.00","37000.00","37150.00","8.25",1700007199999,"306000.5",80,"4.0","148000.0","0"]]
        """

    /// CoinGecko market_chart (ms timestamps).
    static let coinGeckoMarketChart = """
        {"prices":[[1699920000000,36500.5],[1700006400000,37010.25]],
         "market_caps":[[1699920000000,7.1e11],[1700006400000,7.2e11]],
         "total_volumes":[[1699920000000,1.5e10],[1700006400000,1.6e10]]}
        """

    /// CryptoCompare histo* body with `count` candles ending at `end`, `step` seconds apart.
    static func cryptoCompare(count: Int, end: Int64 = 1_700_006_400, step: Int64 = 60, zeros: Int = 0) -> String {
        let candles = (0..<count).map { index -> String in
            let time = end - Int64(count - 1 - index) * step
            if index < zeros {
                return """
                    {"time":\(time),"high":0,"low":0,"open":0,"volumefrom":0,"volumeto":0,"close":0,\
                    "conversionType":"direct","conversionSymbol":""}
                    """
            }
            return """
                {"time":\(time),"high":101.5,"low":99.5,"open":100,"volumefrom":2.5,"volumeto":250.75,"close":101,\
                "conversionType":"direct","conversionSymbol":""}
                """
        }
        return """
            {"Response":"Success","Message":"","HasWarning":false,"Type":100,"RateLimit":{},\
            "Data":{"Aggregated":false,"TimeFrom":\(end - Int64(count - 1) * step),"TimeTo":\(end),\
            "Data":[\(candles.joined(separator: ","))]}}
            """
    }

    /// A CryptoCompare error body.
    static let cryptoCompareError = """
        {"Response":"Error","Message":"fsym param seems to be missing.","HasWarning":false,"Type":1,"RateLimit":{},"Data":{}}
        """

    /// A message exactly as the original TypeScript producer sent it (§2.1): ms timestamp,
    /// `BTCUSDT`, a lone `volume`, no `timeframe`/`volumeFrom`/`volumeTo`.
    static let originalProducerPoint = """
        {"symbol":"BTCUSDT","timestamp":1700000000000,"open":37000.1,"high":37100,"low":36950.5,\
        "close":37050,"volume":12.5,"source":"binance"}
        """
}
