import FlareWorkerAPI
import Foundation
import Testing

/// The Coinswarm port end to end on the emulator: the three wrangler configs of
/// `wrangler-configs/coinswarm`, real D1 and queues, the cron scheduler on a manual clock and the
/// shipped fixtures replayed. Expected counts come from the fixture files themselves.
struct CoinswarmEndToEndTests {
    typealias Group = CoinswarmFixtureExpectations.Group
    /// 2025-01-01T00:00:00Z, where ``CoinswarmEmulator`` starts the clock.
    static let start = Date(timeIntervalSince1970: 1_735_689_600)

    /// Firing `*/30 * * * *` fills `price_data` with every fetched candle, one row per source, symbol
    /// and open time; the next firing fetches the same candles and adds nothing.
    @Test func cronRunFillsPriceDataPerSourceAndSymbolIdempotently() async throws {
        let expected = try CoinswarmFixtureExpectations.producerRun().mapValues(\.count)
        let total = Int64(expected.values.reduce(0, +))
        #expect(expected.count == 9 && total > 9000)
        try await CoinswarmEmulator.with { coinswarm in
            #expect(try await coinswarm.priceGroups().isEmpty)
            await coinswarm.test.advance(by: 30 * 60)
            try await coinswarm.drainQueues()
            #expect(try await coinswarm.priceGroups() == expected)
            #expect(try await coinswarm.scalar("SELECT COALESCE(SUM(inserted), 0) FROM ingestion_stats") == total)
            #expect(try await coinswarm.scalar("SELECT COUNT(*) FROM failed_ingestions") == 0)
            let firstRunStats = try await coinswarm.scalar("SELECT COUNT(*) FROM ingestion_stats")

            // 01:00, the second firing: the same fixtures, every row already stored.
            let secondFiring = Self.start.addingTimeInterval(60 * 60)
            await coinswarm.test.advance(by: secondFiring.timeIntervalSince(coinswarm.test.clock.now()))
            try await coinswarm.drainQueues()
            #expect(try await coinswarm.priceGroups() == expected)
            #expect(try await coinswarm.scalar("SELECT COUNT(*) FROM price_data") == total)
            #expect(try await coinswarm.scalar("SELECT COUNT(*) FROM ingestion_stats") > firstRunStats)
            #expect(try await coinswarm.scalar("SELECT COALESCE(SUM(inserted), 0) FROM ingestion_stats") == total)
            #expect(try await coinswarm.scalar("SELECT COUNT(*) FROM failed_ingestions") == 0)
        }
    }

    /// `POST /trigger`, then `POST /trigger {"toTs": next}` with each `next_toTs`, walks the histoday
    /// pages back until CryptoCompare's padding ends the history and the answer says `done`; the
    /// consumer then holds every candle and `/stats` reports the range.
    @Test func triggerPagesBackUntilDone() async throws {
        let pages = try CoinswarmFixtureExpectations.importPages()
        #expect(pages.count >= 2 && pages.last?.full == false)
        try await CoinswarmEmulator.with { coinswarm in
            var body: String?
            for page in pages {
                let response = await coinswarm.test.fetch(
                    "/trigger", method: .post, body: body, worker: CoinswarmEmulator.importer)
                #expect(response.status.code == 200)
                let json = try await response.body.json()
                let oldest = try #require(page.times.min())
                #expect(json["inserted"] == .int(Int64(page.times.count)))
                #expect(json["oldest"] == .int(oldest))
                #expect(json["newest"] == .int(page.times.max() ?? 0))
                #expect(json["candles"]?.arrayValue?.count == page.times.count)
                #expect(json["message"] == .string("Inserted \(page.times.count) BTC-USDC daily candles."))
                if page.full {
                    #expect(json["next_toTs"] == .int(oldest - 1))
                    #expect(json["next_trigger"] == .string("POST /trigger with toTs=\(oldest - 1)"))
                    body = #"{"toTs": \#(oldest - 1)}"#
                } else {
                    #expect(json["next_toTs"] == .null)
                    #expect(json["next_trigger"] == "done")
                }
            }
            try await coinswarm.drainQueues()
            let times = Set(pages.flatMap(\.times))
            let group = Group(symbol: "BTC-USDC", source: "cryptocompare", timeframe: "1d")
            #expect(try await coinswarm.priceGroups() == [group: times.count])

            let stats = try await coinswarm.test.fetch("/stats", worker: CoinswarmEmulator.consumer).body.json()
            #expect(stats["status"] == "ok")
            #expect(stats["data"]?["total"] == .int(Int64(times.count)))
            #expect(stats["data"]?["oldest"] == .int(times.min() ?? 0))
            #expect(stats["oldest_date"] == .string(Self.isoDate(times.min() ?? 0)))
            #expect(stats["newest_date"] == .string(Self.isoDate(times.max() ?? 0)))
        }
    }

    /// A `null` body and a point with wrong types ride in one batch with good messages: the good ones
    /// are stored at once, the poisoned ones are retried `max_retries` times, move to the DLQ, and the
    /// DLQ consumer writes them to `failed_ingestions`.
    @Test func poisonedMessagesReachTheDeadLetterQueueWhileTheRestIsStored() async throws {
        try await CoinswarmEmulator.with { coinswarm in
            try await coinswarm.send([
                Self.point(1_735_689_600, source: "binance"),
                "null",
                #"{"symbol":"BTC-USDT","timestamp":"x","timeframe":"1h","open":"1","high":2,"low":1,"close":1,"#
                    + #""source":"binance"}"#,
                "[" + Self.point(1_735_689_600, source: "cryptocompare", timeframe: "1m") + ","
                    + Self.point(1_735_689_660, source: "cryptocompare", timeframe: "1m") + "]",
            ])
            try await coinswarm.drainQueues(rounds: 20)
            #expect(try await coinswarm.scalar("SELECT COUNT(*) FROM price_data") == 3)
            #expect(try await coinswarm.backlog(CoinswarmEmulator.queue) == 0)
            #expect(try await coinswarm.backlog(CoinswarmEmulator.deadLetterQueue) == 0)

            let database = try await coinswarm.database()
            let failed = try await database.prepare(
                "SELECT raw_data, error_message, retry_count, queue FROM failed_ingestions ORDER BY id"
            ).raw()
            #expect(failed.count == 2)
            #expect(failed.allSatisfy { $0[3] == .text(CoinswarmEmulator.deadLetterQueue) && $0[2] == .integer(3) })
            #expect(failed.contains { $0[0] == .text("null") })
            #expect(failed.contains { $0[1].stringValue?.contains("timestamp is a string") == true })
            #expect(failed.allSatisfy { $0[1].stringValue?.hasPrefix("dead-lettered after 4 attempts: ") == true })
            // The good rows went in with the first delivery and were not counted again.
            #expect(try await coinswarm.scalar("SELECT SUM(inserted) FROM ingestion_stats") == 3)
        }
    }

    /// §8.1: the original producer's messages (no timeframe, millisecond timestamps, `BTCUSDT` and
    /// `BITCOINUSDT`, one `volume`) and a Python-style JSON-string body, in one invocation, all become
    /// rows. The original threw `D1_TYPE_ERROR` and acked the whole invocation away.
    @Test func originalProducerMessagesProduceRows() async throws {
        try await CoinswarmEmulator.with { coinswarm in
            let python =
                "[" + Self.point(1_735_603_200, symbol: "BTC-USDC", source: "cryptocompare", timeframe: "1d")
                + "," + Self.point(1_735_516_800, symbol: "BTC-USDC", source: "cryptocompare", timeframe: "1d") + "]"
            try await coinswarm.send([
                #"{"symbol":"BTCUSDT","timestamp":1735689600000,"open":1,"high":2,"low":0.5,"close":1.5,"#
                    + #""volume":12.5,"source":"binance"}"#,
                #"{"symbol":"BITCOINUSDT","timestamp":1735689600000,"open":9,"high":9.09,"low":8.91,"close":9,"#
                    + #""volume":0,"source":"coingecko"}"#,
                #"{"symbol":"BTCUSDT","timestamp":1735689660000,"open":1,"high":2,"low":0.5,"close":1.5,"#
                    + #""volume":777.25,"source":"cryptocompare"}"#,
                JSONValue.string(python).jsonString(),
            ])
            try await coinswarm.drainQueues()
            #expect(
                try await coinswarm.priceGroups() == [
                    Group(symbol: "BTC-USDT", source: "binance", timeframe: "1h"): 1,
                    Group(symbol: "BTC-USDT", source: "coingecko", timeframe: "1d"): 1,
                    Group(symbol: "BTC-USDT", source: "cryptocompare", timeframe: "1m"): 1,
                    Group(symbol: "BTC-USDC", source: "cryptocompare", timeframe: "1d"): 2,
                ])
            let rows = try await coinswarm.database().prepare(
                "SELECT source, timestamp, volume_from, volume_to FROM price_data WHERE symbol = 'BTC-USDT' ORDER BY source"
            ).raw()
            #expect(rows[0] == [.text("binance"), .integer(1_735_689_600), .real(12.5), .null])
            #expect(rows[1] == [.text("coingecko"), .integer(1_735_689_600), .null, .null])
            #expect(rows[2] == [.text("cryptocompare"), .integer(1_735_689_660), .null, .real(777.25)])
            #expect(try await coinswarm.scalar("SELECT COUNT(*) FROM failed_ingestions") == 0)
        }
    }

    /// §8.5: the same candle (symbol, open time, timeframe) from three sources keeps one row per
    /// source; a repeat within one source is one row. The original's key left out `source` and kept
    /// only the CryptoCompare row.
    @Test func sameCandleFromEverySourceKeepsOneRowPerSource() async throws {
        try await CoinswarmEmulator.with { coinswarm in
            try await coinswarm.send(
                ["binance", "coingecko", "cryptocompare", "binance"].map {
                    Self.point(1_735_689_600, source: $0, timeframe: "1h")
                })
            try await coinswarm.drainQueues()
            let sources = try await coinswarm.database().prepare(
                "SELECT source FROM price_data WHERE symbol = 'BTC-USDT' AND timestamp = ? AND timeframe = '1h' "
                    + "ORDER BY source"
            ).bind(1_735_689_600).raw()
            #expect(sources == [[.text("binance")], [.text("coingecko")], [.text("cryptocompare")]])
        }
    }

    /// One contract point as JSON text.
    static func point(
        _ time: Int64, symbol: String = "BTC-USDT", source: String, timeframe: String = "1h"
    ) -> String {
        #"{"symbol":"\#(symbol)","timestamp":\#(time),"timeframe":"\#(timeframe)","open":1,"high":2,"low":0.5,"#
            + #""close":1.5,"volumeFrom":3,"volumeTo":4.5,"source":"\#(source)"}"#
    }

    /// `new Date(seconds * 1000).toISOString()`.
    static func isoDate(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
