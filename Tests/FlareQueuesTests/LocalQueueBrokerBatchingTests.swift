import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Synchronization
import Testing

struct LocalQueueBrokerBatchingTests {
    @Test func fullBatchesGoAtOnceAndTheRestAfterTheTimeout() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 3, maxBatchTimeout: 10)
        ) { received.record($0) }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<7))
        await broker.waitUntilIdle()
        #expect(received.sizes == [3, 3])
        await fixture.clock.advance(by: 9.9)
        await broker.waitUntilIdle()
        #expect(received.sizes == [3, 3])
        await fixture.clock.advance(by: 0.1)
        await broker.waitUntilIdle()
        #expect(received.sizes == [3, 3, 1])
        #expect(received.flat.map { $0.body.jsonValue?["n"]?.int64Value } == (0..<7).map { Int64($0) })
        #expect(fixture.logs.contains("QUEUE q 3/3"))
        #expect(fixture.logs.contains("QUEUE q 1/1"))
    }

    @Test func partialBatchWaitsForMaxBatchTimeout() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings()) { received.record($0) }
        let queue = broker.producer(queue: "q", deliveryDelay: nil)
        try await queue.send(.text("a"))
        try await queue.send(.text("b"))
        await broker.waitUntilIdle()
        await fixture.clock.advance(by: 0.5)
        await broker.waitUntilIdle()
        #expect(received.sizes.isEmpty)
        await fixture.clock.advance(by: 0.5)
        await broker.waitUntilIdle()
        #expect(received.sizes == [2])
        #expect(received.flat.map(\.body) == [.text("a"), .text("b")])
        #expect(received.flat.allSatisfy { $0.attempts == 1 && $0.id.count == 32 })
    }

    @Test func concurrencyIsBoundedAtMaxConcurrencyAndReachesIt() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let probe = ConcurrencyProbe()
        let gate = Gate()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 1, maxBatchTimeout: 0, maxConcurrency: 3)
        ) { batch in
            probe.enter()
            await gate.wait()
            received.record(batch)
            probe.leave()
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<10))
        let drain = Task { await broker.waitUntilIdle() }
        #expect(await eventually { probe.current == 3 })
        for _ in 0..<100 { await Task.yield() }
        #expect(probe.current == 3)
        #expect(await broker.inFlightBatchCount == 3)
        await gate.release()
        await drain.value
        await broker.waitUntilIdle()
        #expect(received.flat.count == 10)
        #expect(probe.peak == 3)
    }

    @Test func defaultConcurrencyIsOneBatchAtATime() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let probe = ConcurrencyProbe()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 2, maxBatchTimeout: 0)
        ) { _ in
            probe.enter()
            for _ in 0..<20 { await Task.yield() }
            probe.leave()
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<10))
        await broker.waitUntilIdle()
        #expect(probe.peak == 1)
        #expect(try await broker.info(queue: "q").total == 0)
    }

    @Test func sendDelaysKeepMessagesBackUntilTheyElapse() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 10, maxBatchTimeout: 0)
        ) { received.record($0) }
        let queue = broker.producer(queue: "q", deliveryDelay: 20)
        try await queue.send(.text("producer default"))
        try await queue.send(.text("per call"), delaySeconds: 5)
        try await queue.sendBatch(
            [
                QueueSendRequest(body: .text("batch"), delaySeconds: nil),
                QueueSendRequest(body: .text("own"), delaySeconds: 1),
            ],
            delaySeconds: 10)
        await broker.waitUntilIdle()
        #expect(try await broker.info(queue: "q").delayed == 4)
        await fixture.clock.advance(by: 1)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.body) == [.text("own")])
        await fixture.clock.advance(by: 4)
        await broker.waitUntilIdle()
        await fixture.clock.advance(by: 5)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.body) == [.text("own"), .text("per call"), .text("batch")])
        await fixture.clock.advance(by: 10)
        await broker.waitUntilIdle()
        #expect(received.flat.last?.body == .text("producer default"))
    }

    @Test func runLoopDeliversOnTheInjectedClock() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 2)) {
            received.record($0)
        }
        let service = Task { await broker.run() }
        try await broker.producer(queue: "q", deliveryDelay: nil).send(.text("x"))
        #expect(await eventually { fixture.clock.sleeperCount > 0 })
        #expect(received.sizes.isEmpty)
        await fixture.clock.advance(by: 2)
        #expect(await eventually { received.sizes == [1] })
        service.cancel()
        await service.value
    }
}

struct LocalQueueBrokerMetadataTests {
    @Test func batchMetricsDescribeWhatRemains() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let queue = broker.producer(queue: "q", deliveryDelay: nil)
        try await queue.sendBatch(numbers(0..<3))
        await fixture.clock.advance(by: 1)
        try await queue.sendBatch(numbers(3..<5))
        let sentLater = fixture.clock.nowMilliseconds()
        let metrics = Metrics()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchSize: 3)) { batch in
            metrics.record(batch.metrics)
        }
        await broker.waitUntilIdle()
        let first = try #require(metrics.all.first)
        #expect(first.backlogCount == 2)
        #expect(first.backlogBytes == 2 * #"{"n":3}"#.utf8.count)
        #expect(first.oldestMessageTimestamp == sentLater)
    }

    @Test func contradictoryCallsAreLoggedAsWorkerdWarns() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) { batch in
            batch.ackAll()
            batch.messages[0].retry()
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).send(.text("x"))
        await broker.waitUntilIdle()
        #expect(fixture.logs.contains("after ackAll() was already called"))
        #expect(fixture.logs.contains("QUEUE q 1/1"))
    }
}

final class Metrics: Sendable {
    private let values = Mutex<[QueueMetrics]>([])
    func record(_ metrics: QueueMetrics) { values.withLock { $0.append(metrics) } }
    var all: [QueueMetrics] { values.withLock { $0 } }
}
