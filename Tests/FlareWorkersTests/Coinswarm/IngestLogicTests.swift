import FlareWorkerAPI
import Synchronization
import Testing

@testable import FlareWorkers

struct IngestLogicTests {
    private static let point: JSONValue = [
        "symbol": "BTC-USDC", "timestamp": 1_699_920_000, "timeframe": "1d", "open": 1, "high": 2, "low": 0.5,
        "close": 1.5, "volumeFrom": 3, "volumeTo": 4, "source": "cryptocompare",
    ]

    @Test func flattensStringArrayObjectAndTextBodies() {
        let array = JSONValue.array([Self.point, Self.point])
        let result = MessageFlattener.flatten([
            .json(.string(array.jsonString())),  // the Python worker's send(json.dumps([...]))
            .json(.string(Self.point.jsonString())),  // a JSON string holding one object
            .json(array),  // an array body
            .json(Self.point),  // one object
            .text(Self.point.jsonString()),
        ])
        #expect(result.problems.isEmpty)
        #expect(result.elementCount == 7)
        #expect(result.entries.map(\.messageIndex) == [0, 0, 1, 2, 2, 3, 4])
    }

    /// §8.8: an unparseable string, a null body and a wrong-typed point mark only their own message.
    @Test func poisonedBodiesAreReportedNotDropped() {
        let bad: JSONValue = ["symbol": "BTC-USDC", "timestamp": "soon", "source": "binance"]
        let result = MessageFlattener.flatten([
            .json(.string("{not json")), .json(.null), .json(.array([Self.point, bad])), .json(Self.point),
        ])
        #expect(result.problems.keys.sorted() == [0, 1, 2])
        #expect(result.problems[0]?.hasPrefix("Failed to parse JSON message:") == true)
        #expect(result.entries.map(\.messageIndex) == [2, 3])
    }

    /// §8.5: the dedup key is the UNIQUE key, so each source keeps its row.
    @Test func dedupKeepsEverySourceAndCollapsesRepeats() throws {
        let base = try PricePoint(validating: Self.point)
        var binance = base
        binance.source = .binance
        let entries = [base, binance, base, binance].enumerated().map {
            MessageFlattener.Entry(messageIndex: $0.offset, point: $0.element)
        }
        let unique = PointDeduplicator.deduplicate(entries)
        #expect(unique.map(\.point.source) == [.cryptocompare, .binance])
        #expect(unique.map(\.messageIndices) == [[0, 2], [1, 3]])
    }

    @Test func dedupTieKeepsFirstOfSameSource() throws {
        let first = try PricePoint(validating: Self.point)
        var second = first
        second.close = 99
        let unique = PointDeduplicator.deduplicate([
            .init(messageIndex: 0, point: first), .init(messageIndex: 1, point: second),
        ])
        #expect(unique.count == 1 && unique[0].point.close == 1.5)
    }

    @Test func chunksOfAtMostOneHundred() {
        #expect(Chunking.chunks(Array(0..<250)).map(\.count) == [100, 100, 50])
        #expect(Chunking.chunks([Int]()).isEmpty)
        #expect(Chunking.chunks(Array(0..<5), size: 2) == [[0, 1], [2, 3], [4]])
    }

    @Test func sendBatchesRespectCountAndBytes() {
        let small = (0..<250).map { _ in QueueSendRequest(body: .text("x")) }
        #expect(Chunking.sendBatches(small).map(\.count) == [100, 100, 50])
        let big = (0..<5).map { _ in QueueSendRequest(body: .text(String(repeating: "y", count: 100_000))) }
        #expect(Chunking.sendBatches(big).map(\.count) == [2, 2, 1])
        // A JSON body counts its compact encoding, as the broker stores it: 99,998 letters and quotes.
        let json = (0..<5).map { _ in QueueSendRequest(body: .json(.string(String(repeating: "z", count: 99_998)))) }
        #expect(json[0].body.storedByteCount == 100_000)
        #expect(Chunking.sendBatches(json).map(\.count) == [2, 2, 1])
    }

    @Test func busyRetryBacksOffOnTheClock() async throws {
        let clock = ManualClock()
        let database = FakeD1Database()
        database.state.withLock { $0.busyCalls = 2 }
        let retry = BusyRetry(clock: clock)
        let task = Task { try await retry.run { try await database.batch([]) } }
        await clock.advanceUntilIdle(task)
        _ = try await task.value
        #expect(clock.now().timeIntervalSince1970 - ManualClock().now().timeIntervalSince1970 == 3)
        #expect(BusyRetry.isTransient(D1Error(message: "D1_ERROR: database is locked")))
        #expect(!BusyRetry.isTransient(D1Error(message: "D1_ERROR: no such table: price_data")))
        #expect(BatchIngestor.busyDelay(attempts: 1) == 120 && BatchIngestor.busyDelay(attempts: 3) == 300)
    }
}
