/// Every upstream URL the Coinswarm workers call, built exactly as the spec's templates (§2.3, §4.2).
enum UpstreamURLs {
    /// `https://api.binance.us/api/v3/klines?symbol=${symbol}&interval=1h&limit=1000`
    static func binanceKlines(symbol: String) -> String {
        "https://api.binance.us/api/v3/klines?symbol=\(symbol)&interval=1h&limit=1000"
    }

    /// `https://api.coingecko.com/api/v3/coins/${coinId}/market_chart?vs_currency=usd&days=${daysAgo}&interval=daily`
    static func coinGeckoMarketChart(coinID: String, days: Int = 30) -> String {
        "https://api.coingecko.com/api/v3/coins/\(coinID)/market_chart?vs_currency=usd&days=\(days)&interval=daily"
    }

    /// `https://min-api.cryptocompare.com/data/v2/histominute?fsym=${fsym}&tsym=USD&limit=2000`
    static func cryptoCompareMinute(fsym: String) -> String {
        "https://min-api.cryptocompare.com/data/v2/histominute?fsym=\(fsym)&tsym=USD&limit=2000"
    }

    /// The import worker's URL: `https://min-api.cryptocompare.com/data/v2/{endpoint}?fsym=…&tsym=…&limit=…&e=…`
    /// then `&toTs=N` when paging, then `&api_key=K` when a key is set (Python's `urlencode` order).
    static func cryptoCompareHistory(
        timeframe: CryptoCompareTimeframe, fsym: String, tsym: String, limit: Int, exchange: String,
        toTs: Int64?, apiKey: String
    ) -> String {
        var url = "https://min-api.cryptocompare.com/data/v2/\(timeframe.endpoint)?"
        url += "fsym=\(encode(fsym))&tsym=\(encode(tsym))&limit=\(limit)&e=\(encode(exchange))"
        if let toTs { url += "&toTs=\(toTs)" }
        if !apiKey.isEmpty { url += "&api_key=\(apiKey)" }
        return url
    }

    /// Percent-encodes a query value as Python's `urlencode` (`quote_plus`) does for the characters
    /// that can occur in symbols and exchange names.
    private static func encode(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".", "~": out.unicodeScalars.append(scalar)
            case " ": out += "+"
            default:
                for byte in String(scalar).utf8 {
                    let hex = String(byte, radix: 16, uppercase: true)
                    out += (hex.count == 1 ? "%0" : "%") + hex
                }
            }
        }
        return out
    }
}
