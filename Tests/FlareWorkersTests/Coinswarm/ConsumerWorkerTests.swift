import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareWorkers

struct ConsumerWorkerTests {
    private static func point(_ time: Int64, symbol: String = "BTC-USDT", source: String = "binance") -> JSONValue {
        [
            "symbol": .string(symbol), "timestamp": .int(time), "timeframe": "1h", "open": 1, "high": 2, "low": 0.5,
            "close": 1.5, "volumeFrom": 3, "volumeTo": 4, "source": .string(source),
        ]
    }

    private static func fates(_ batch: MessageBatch) -> [MessageOutcomes.Fate] {
        batch.messages.map { batch.outcomes.fate(of: $0.id, handlerSucceeded: true) }
    }

    /// §8.1: the original producer's message shape is stored, not acked and lost.
    @Test func originalProducerMessagesAreStored() async throws {
        let test = CoinswarmTestEnvironment()
        let batch = CoinswarmTestEnvironment.batch([
            .json(try JSONValue(parsing: CoinswarmSamples.originalProducerPoint)),
            .json(
                .string(
                    JSONValue.array([Self.point(1_699_920_000, symbol: "BTC-USDC", source: "cryptocompare")])
                        .jsonString())),
        ])
        try await HistoricalDataQueueConsumer().queue(batch, env: test.env, ctx: ExecutionContext())
        #expect(Self.fates(batch) == [.ack, .ack])
        let rows = test.database.priceRows
        #expect(rows.count == 2)
        #expect(rows[0][0] == .text("BTC-USDT") && rows[0][1] == .integer(1_700_000_000) && rows[0][2] == .text("1h"))
        #expect(rows[0][7] == .real(12.5))
    }

    /// §8.5: same symbol/timestamp/timeframe from two sources gives two rows.
    @Test func perSourceRowsAreKept() async throws {
        let test = CoinswarmTestEnvironment()
        let batch = CoinswarmTestEnvironment.batch([
            .json(Self.point(1_700_000_000, source: "binance")),
            .json(Self.point(1_700_000_000, source: "cryptocompare")),
            .json(Self.point(1_700_000_000, source: "binance")),
        ])
        try await HistoricalDataQueueConsumer().queue(batch, env: test.env, ctx: ExecutionContext())
        #expect(test.database.priceRows.map { $0[9] } == [.text("binance"), .text("cryptocompare")])
        #expect(test.logs.all.contains("   Deduplicated: 3 → 2 unique points"))
    }

    /// §8.8 / §8.25: a poisoned message is retried (towards the DLQ) while the rest is stored;
    /// inserted counts only new rows; the log separates messages from points; stats are recorded.
    @Test func poisonedMessageRetriedRestStoredAndCounted() async throws {
        let test = CoinswarmTestEnvironment()
        let good = JSONValue.array((0..<150).map { Self.point(1_700_000_000 + Int64($0) * 3600) })
        let batch = CoinswarmTestEnvironment.batch([
            .json(good), .json(.null), .json(["symbol": "BTC-USDT", "timestamp": "x", "source": "binance"]),
            .json(Self.point(1_700_000_000)),  // a duplicate: stored already, not counted
        ])
        try await HistoricalDataQueueConsumer().queue(batch, env: test.env, ctx: ExecutionContext())
        #expect(Self.fates(batch) == [.ack, .retry(delaySeconds: nil), .retry(delaySeconds: nil), .ack])
        #expect(test.database.priceRows.count == 150)
        #expect(test.database.batchSizes.prefix(2) == [100, 50])
        let logs = test.logs.all
        #expect(logs.contains("📥 Processing batch of 4 messages (153 data points)"))
        #expect(logs.contains("✅ Inserted 150 rows in 0ms"))
        let stats = test.database.ingestionStats
        #expect(stats.count == 1)
        #expect(stats[0][0] == .integer(150) && stats[0][3] == .text("binance") && stats[0][5] == .integer(150))

        // Redelivery: nothing new is inserted, and insertedCount says so.
        let again = CoinswarmTestEnvironment.batch([.json(good)], attempts: 2)
        try await HistoricalDataQueueConsumer().queue(again, env: test.env, ctx: ExecutionContext())
        #expect(test.logs.all.contains("✅ Inserted 0 rows in 0ms"))
        #expect(Self.fates(again) == [.ack])
    }

    /// §8.8: a non-transient D1 error on one row fails only that row's message, which is retried
    /// (not acked), and the row goes to failed_ingestions.
    @Test func nonTransientRowErrorIsIsolatedRecordedAndRetried() async throws {
        let test = CoinswarmTestEnvironment()
        test.database.state.withLock {
            $0.failure = { query in
                query.params.count == 10 && query.params[1] == .integer(1_700_003_600)
                    ? D1Error(message: "D1_ERROR: CHECK constraint failed: price_data: SQLITE_CONSTRAINT") : nil
            }
        }
        let batch = CoinswarmTestEnvironment.batch(
            [.json(Self.point(1_700_000_000)), .json(Self.point(1_700_003_600)), .json(Self.point(1_700_007_200))],
            attempts: 2)
        try await HistoricalDataQueueConsumer().queue(batch, env: test.env, ctx: ExecutionContext())
        #expect(Self.fates(batch) == [.ack, .retry(delaySeconds: nil), .ack])
        #expect(test.database.priceRows.count == 2)
        let failed = test.database.failedIngestions
        #expect(failed.count == 1)
        #expect(failed[0][1] == .integer(1_700_003_600) && failed[0][3] == .integer(2))
        #expect(failed[0][2].stringValue?.hasPrefix("D1_ERROR: CHECK constraint failed") == true)
        #expect(test.logs.all.contains { $0.hasPrefix("❌ D1 batch insert failed:") })
    }

    /// Busy D1 backs off on env.clock and then succeeds without any retry of messages.
    @Test func busyDatabaseBacksOffThenInserts() async throws {
        let test = CoinswarmTestEnvironment()
        test.database.state.withLock { $0.busyCalls = 2 }
        let batch = CoinswarmTestEnvironment.batch([.json(Self.point(1_700_000_000))])
        let env = test.env
        let task = Task { try await HistoricalDataQueueConsumer().queue(batch, env: env, ctx: ExecutionContext()) }
        await test.clock.advanceUntilIdle(task)
        try await task.value
        #expect(test.database.priceRows.count == 1)
        #expect(Self.fates(batch) == [.ack])
    }

    /// Busy beyond the backoff: the messages are retried with the queue-level delay, never acked.
    @Test func persistentlyBusyDatabaseRetriesMessages() async throws {
        let test = CoinswarmTestEnvironment()
        test.database.state.withLock { $0.busyCalls = 1000 }
        let batch = CoinswarmTestEnvironment.batch([
            .json(Self.point(1_700_000_000)), .json(Self.point(1_700_000_000, source: "cryptocompare")),
        ])
        let env = test.env
        let start = test.clock.now()
        let task = Task { try await HistoricalDataQueueConsumer().queue(batch, env: env, ctx: ExecutionContext()) }
        await test.clock.advanceUntilIdle(task)
        try await task.value
        #expect(Self.fates(batch) == [.retry(delaySeconds: 120), .retry(delaySeconds: 120)])
        #expect(test.clock.now().timeIntervalSince(start) == 15)  // one 1+2+4+8 s backoff, not one per chunk
        #expect(test.database.priceRows.isEmpty)
        #expect(test.logs.all.contains("⏳ D1 overloaded, retrying messages with backoff..."))
    }

    /// The dead-letter branch records every arrival in failed_ingestions. A dead letter is a new
    /// message on the DLQ (attempt 1): the attempts it used up are the main queue's max_retries + 1.
    @Test func deadLettersAreRecorded() async throws {
        let test = CoinswarmTestEnvironment()
        let batch = CoinswarmTestEnvironment.batch(
            [.json(.null), .json(.string("{broken")), .json(.array([Self.point(1_700_000_000), ["source": 5]]))],
            queue: "historical-data-dlq", attempts: 1)
        try await HistoricalDataQueueConsumer().queue(batch, env: test.env, ctx: ExecutionContext())
        let failed = test.database.failedIngestions
        #expect(failed.count == 4)
        #expect(test.database.priceRows.isEmpty)
        #expect(failed.allSatisfy { $0[3] == .integer(3) && $0[7] == .text("historical-data-dlq") })
        #expect(failed[1][2].stringValue?.contains("Failed to parse JSON message") == true)
        #expect(failed[2][0] == .text("BTC-USDT"))
        #expect(failed[0][2].stringValue?.hasPrefix("dead-lettered after 4 attempts: invalid point") == true)
    }

    /// §8.2: `/stats` dates come from seconds.
    @Test func statsReportSecondsAsISODates() async throws {
        let test = CoinswarmTestEnvironment()
        let batch = CoinswarmTestEnvironment.batch([
            .json(Self.point(1_699_920_000, symbol: "BTC-USDC", source: "cryptocompare")),
            .json(Self.point(1_700_006_400, symbol: "BTC-USDC", source: "cryptocompare")),
        ])
        try await HistoricalDataQueueConsumer().queue(batch, env: test.env, ctx: ExecutionContext())
        let response = try await HistoricalDataQueueConsumer().fetch(
            WorkerRequest(url: URL(string: "http://localhost/stats")!), env: test.env, ctx: ExecutionContext())
        #expect(
            try await response.body.text() == """
                {
                  "status": "ok",
                  "data": {
                    "total": 2,
                    "oldest": 1699920000,
                    "newest": 1700006400,
                    "symbol": "BTC-USDC"
                  },
                  "oldest_date": "2023-11-14T00:00:00.000Z",
                  "newest_date": "2023-11-15T00:00:00.000Z"
                }
                """)
        let empty = try await HistoricalDataQueueConsumer().fetch(
            WorkerRequest(url: URL(string: "http://localhost/stats?symbol=ETHUSDT")!), env: test.env,
            ctx: ExecutionContext())
        #expect(try await empty.body.json()["data"] == .null)
    }

    @Test func statusAndStatsErrorResponses() async throws {
        let test = CoinswarmTestEnvironment()
        let status = try await HistoricalDataQueueConsumer().fetch(
            WorkerRequest(url: URL(string: "http://localhost/")!), env: test.env, ctx: ExecutionContext())
        #expect(
            try await status.body.text()
                == #"{"status":"ok","message":"Historical Data Queue Consumer is running","role":"Consumes queue "#
                + #"messages and writes to D1 database","endpoints":{"/stats":"Check BTC-USDC data in D1"}}"#)
        test.database.state.withLock { $0.failure = { _ in D1Error(message: "D1_ERROR: no such table: price_data") } }
        let failed = try await HistoricalDataQueueConsumer().fetch(
            WorkerRequest(url: URL(string: "http://localhost/stats")!), env: test.env, ctx: ExecutionContext())
        #expect(failed.status.code == 500)
        #expect(try await failed.body.text() == #"{"status":"error","error":"D1_ERROR: no such table: price_data"}"#)
    }
}
