import FlareQueues
import FlareWorkerAPI
import Foundation
import GRDBSQLite
import Logging
import Synchronization

/// `swiftflare bench queues`: the durable broker against a raw SQLite loop doing the same
/// durable work, in the same run.
///
/// - `enqueue_msgs_per_s`: 10,000 Coinswarm `HistoricalDataPoint` messages through
///   `sendBatch` of 100 (validation, serialisation, ids, one transaction per batch) against raw
///   inserts of the pre-serialised bodies in transactions of 100.
/// - `deliver_msgs_per_s`: 1,000,000 messages (100,000 with `--quick`) delivered in batches of
///   100 to a consumer that acks everything, against a raw loop of "select 100 + delete" in one
///   transaction.
public struct QueuesSuite: BenchSuite {
    /// `queues`.
    public let name = "queues"

    /// Creates the suite.
    public init() {}

    /// Runs both measurements.
    /// - Throws: when a broker or database cannot be opened, or a count comes out wrong.
    public func run(_ options: BenchOptions) async throws -> [BenchMeasurement] {
        let enqueueCount = 10_000
        let deliverCount = options.quick ? 100_000 : 1_000_000
        let points = Self.historicalDataPoints(enqueueCount)
        let enqueue = try await BenchTiming.compareRates(
            suite: name, metric: "enqueue_msgs_per_s", unit: "msg/s", reps: options.reps,
            baselineName: "raw SQLite inserts, transactions of 100", target: ">= 0.70",
            note: "\(enqueueCount) HistoricalDataPoint messages via sendBatch of 100",
            subject: { try await Self.brokerEnqueue(points, options: options) },
            baseline: { try Self.rawEnqueue(points, options: options) })
        let deliver = try await BenchTiming.compareRates(
            suite: name, metric: "deliver_msgs_per_s", unit: "msg/s", reps: options.quick ? 2 : 3,
            baselineName: "raw SQLite select 100 + delete, one transaction", target: ">= 0.60",
            note: "\(deliverCount) messages, batches of 100, consumer acks all",
            subject: { try await Self.brokerDeliver(deliverCount, points: points, options: options) },
            baseline: { try Self.rawDeliver(deliverCount, points: points, options: options) })
        return [enqueue, deliver]
    }

    static func historicalDataPoints(_ count: Int) -> [JSONValue] {
        let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
        let sources = ["binance", "coingecko", "cryptocompare"]
        return (0..<count).map { index in
            let open = 40_000.0 + Double(index % 977) * 1.25
            return [
                "symbol": .string(symbols[index % 3]), "timestamp": .int(1_700_000_000_000 + Int64(index) * 60_000),
                "open": .double(open), "high": .double(open + 12.5), "low": .double(open - 8.75),
                "close": .double(open + 3.5), "volume": .double(1234.5678 + Double(index)),
                "source": .string(sources[index % 3]),
            ]
        }
    }

    private static var quietLogger: Logger {
        Logger(label: "bench.queues") { _ in SwiftLogNoOpLogHandler() }
    }

    private static func brokerEnqueue(_ points: [JSONValue], options: BenchOptions) async throws -> Double {
        let broker = try LocalQueueBroker(persistRoot: try options.scratch("queues-enqueue"), logger: quietLogger)
        let queue = broker.producer(queue: "historical-data-queue", deliveryDelay: nil)
        let chunks = stride(from: 0, to: points.count, by: 100).map {
            points[$0..<min($0 + 100, points.count)].map { QueueSendRequest(body: .json($0)) }
        }
        let seconds = try await BenchTiming.seconds {
            for chunk in chunks { try await queue.sendBatch(chunk) }
        }
        guard try await queue.metrics().backlogCount == points.count else { throw QueuesBenchFailure.wrongCount }
        return Double(points.count) / seconds
    }

    private static func brokerDeliver(_ count: Int, points: [JSONValue], options: BenchOptions) async throws -> Double {
        let broker = try LocalQueueBroker(persistRoot: try options.scratch("queues-deliver"), logger: quietLogger)
        let queue = broker.producer(queue: "q", deliveryDelay: nil)
        var sent = 0
        while sent < count {
            let size = min(100, count - sent)
            try await queue.sendBatch(
                (0..<size).map { QueueSendRequest(body: .json(points[(sent + $0) % points.count])) })
            sent += size
        }
        let delivered = QueuesDeliveredCounter()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 100, maxBatchTimeout: 0)
        ) { batch in
            delivered.add(batch.messages.count)
        }
        let seconds = await BenchTiming.seconds { await broker.waitUntilIdle() }
        guard delivered.value == count else { throw QueuesBenchFailure.wrongCount }
        return Double(count) / seconds
    }

    // MARK: The raw loop

    private static func rawEnqueue(_ points: [JSONValue], options: BenchOptions) throws -> Double {
        let bodies = points.map { Array($0.jsonString().utf8) }
        let db = try RawQueueDatabase(directory: try options.scratch("queues-raw-enqueue"))
        let seconds = try db.insert(bodies)
        return Double(bodies.count) / seconds
    }

    private static func rawDeliver(_ count: Int, points: [JSONValue], options: BenchOptions) throws -> Double {
        let bodies = points.map { Array($0.jsonString().utf8) }
        let db = try RawQueueDatabase(directory: try options.scratch("queues-raw-deliver"))
        var loaded = 0
        while loaded < count {
            let size = min(bodies.count, count - loaded)
            _ = try db.insert(Array(bodies[0..<size]))
            loaded += size
        }
        let start = ContinuousClock.now
        let delivered = try db.drain()
        let elapsed = ContinuousClock.now - start
        guard delivered == count else { throw QueuesBenchFailure.wrongCount }
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// A benchmark whose result came out wrong.
enum QueuesBenchFailure: Error {
    case wrongCount
    case sqlite(String)
}

/// Counts delivered messages from the handler.
private final class QueuesDeliveredCounter: Sendable {
    private let count = Mutex(0)
    func add(_ n: Int) { count.withLock { $0 += n } }
    var value: Int { count.withLock { $0 } }
}
