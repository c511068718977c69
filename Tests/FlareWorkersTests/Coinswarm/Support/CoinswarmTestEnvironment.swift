import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging

/// Builds a `WorkerEnvironment` over the fakes, for logic tests only.
struct CoinswarmTestEnvironment {
    let database = FakeD1Database()
    let queue = FakeQueue()
    let logs = CapturingLogHandler.Storage()
    let clock = ManualClock()
    var fetcher = FakeFetcher([:])
    var vars: [String: String] = [:]

    var env: WorkerEnvironment {
        let store = logs
        return WorkerEnvironment(
            workerName: "coinswarm-test", vars: vars,
            bindings: [
                "DB": .d1(database), "HISTORICAL_DATA_QUEUE": .queue(queue), "HISTORICAL_QUEUE": .queue(queue),
            ],
            fetcher: fetcher, clock: clock, logger: Logger(label: "test") { _ in CapturingLogHandler(storage: store) })
    }

    /// A batch of `bodies` from `queue`, attempt `attempts`.
    static func batch(_ bodies: [QueueMessageBody], queue: String = "historical-data-queue", attempts: Int = 1)
        -> MessageBatch
    {
        let outcomes = MessageOutcomes()
        let messages = bodies.enumerated().map { index, body in
            Message(
                id: String(format: "%032x", index + 1), timestamp: Date(timeIntervalSince1970: 1_700_000_000),
                body: body, attempts: attempts, outcomes: outcomes)
        }
        return MessageBatch(
            queue: queue, messages: messages,
            metrics: QueueMetrics(backlogCount: bodies.count, backlogBytes: 0, oldestMessageTimestamp: nil),
            outcomes: outcomes)
    }
}
