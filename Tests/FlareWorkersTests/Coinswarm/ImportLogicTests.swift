import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

struct ImportLogicTests {
    private static func candles(_ count: Int, zeros: Int = 0) throws -> [CryptoCompareCandle] {
        try CryptoCompareHistoParser.parse(
            Data(CoinswarmSamples.cryptoCompare(count: count, step: 86_400, zeros: zeros).utf8))
    }

    /// §8.7: CryptoCompare returns limit+1 rows; that is a full page and paging continues.
    @Test func limitPlusOneRowsPageOn() throws {
        let page = HistoryPage(returned: try Self.candles(2001))
        #expect(page.candles.count == 2001)
        #expect(page.nextToTs == page.oldest.map { $0 - 1 })
        #expect(page.newest == 1_700_006_400)
        #expect(HistoryPage(returned: try Self.candles(2000)).nextToTs != nil)
    }

    @Test func shortOrPaddedPageIsDone() throws {
        #expect(HistoryPage(returned: try Self.candles(1500)).nextToTs == nil)
        let padded = HistoryPage(returned: try Self.candles(2001, zeros: 300))
        #expect(padded.candles.count == 1701)
        #expect(padded.nextToTs == nil)
        let empty = HistoryPage(returned: [])
        #expect(empty.nextToTs == nil && empty.oldest == nil)
    }

    @Test func toTsFromBodyOrQuery() throws {
        let none: (String) -> String? = { _ in nil }
        #expect(try TriggerParameters.parse(body: ["toTs": 1_699_920_000], query: none).toTs == 1_699_920_000)
        #expect(try TriggerParameters.parse(body: ["toTs": "1699920000"], query: none).toTs == 1_699_920_000)
        let query: (String) -> String? = { $0 == "toTs" ? "1600000000" : nil }
        #expect(try TriggerParameters.parse(body: nil, query: query).toTs == 1_600_000_000)
        #expect(try TriggerParameters.parse(body: ["toTs": 5], query: query).toTs == 5)
        #expect(try TriggerParameters.parse(body: ["toTs": nil], query: query).toTs == 1_600_000_000)
        #expect(try TriggerParameters.parse(body: nil, query: none) == TriggerParameters())
        #expect(throws: UpstreamError.self) { try TriggerParameters.parse(body: ["toTs": "soon"], query: none) }
        #expect(try TriggerParameters.parse(body: ["timeframe": "hour"], query: none).timeframe == .hour)
        #expect(throws: UpstreamError.self) { try TriggerParameters.parse(body: ["timeframe": "week"], query: none) }
    }

    /// §8.6: the label follows the fetched timeframe.
    @Test func timeframeLabels() {
        #expect(CryptoCompareTimeframe.allCases.map(\.label) == ["1d", "1h", "1m"])
        #expect(CryptoCompareTimeframe.allCases.map(\.endpoint) == ["histoday", "histohour", "histominute"])
    }

    @Test func candlesAreQueuedOneHundredPerMessage() throws {
        let points = try Self.candles(2001).map { $0.point(symbol: "BTC-USDC", timeframe: "1d") }
        let messages = HistoryImporter.messages(for: points)
        #expect(messages.count == 21)
        #expect(messages.first?.body.jsonValue?.arrayValue?.count == 100)
        #expect(messages.last?.body.jsonValue?.arrayValue?.count == 1)
    }
}
