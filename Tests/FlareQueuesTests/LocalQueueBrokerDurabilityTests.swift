import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

struct LocalQueueBrokerDurabilityTests {
    @Test func messagesSurviveABrokerRestart() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        do {
            let broker = try fixture.open()
            try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<3))
            try await broker.producer(queue: "q", deliveryDelay: nil).send(.text("later"), delaySeconds: 60)
            await broker.shutdown(grace: 1)
        }
        let path = fixture.root.url.appendingPathComponent("v3/queues/broker.sqlite").path
        #expect(FileManager.default.fileExists(atPath: path))
        let reopened = try fixture.open()
        let info = try await reopened.info(queue: "q")
        #expect(info.backlog == 3)
        #expect(info.delayed == 1)
        let received = Deliveries()
        try await reopened.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) {
            received.record($0)
        }
        await reopened.waitUntilIdle()
        #expect(received.flat.map { $0.body.jsonValue?["n"]?.int64Value } == [0, 1, 2])
        #expect(received.flat.allSatisfy { $0.attempts == 1 })
        await fixture.clock.advance(by: 60)
        await reopened.waitUntilIdle()
        #expect(received.flat.last?.body == .text("later"))
    }

    @Test func inFlightMessagesAreRedeliveredAfterAnAbruptStop() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let gate = Gate()
        let first = try fixture.open()
        let firstReceived = Deliveries()
        try await first.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) { batch in
            firstReceived.record(batch)
            await gate.wait()  // the "process" dies while this batch is in flight
        }
        try await first.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<2))
        let stuck = Task { await first.waitUntilIdle() }
        #expect(await eventually { firstReceived.flat.count == 2 })
        #expect(try await first.info(queue: "q").inFlight == 2)

        // A new broker on the same directory, without the first one shutting down.
        let second = try fixture.open()
        let received = Deliveries()
        try await second.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) {
            received.record($0)
        }
        await second.waitUntilIdle()
        #expect(received.flat.map(\.id) == firstReceived.flat.map(\.id))
        #expect(received.flat.allSatisfy { $0.attempts == 2 })
        #expect(try await second.info(queue: "q").total == 0)
        await gate.release()
        await stuck.value
    }

    @Test func shutdownLetsInFlightBatchesFinish() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let gate = Gate()
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) { batch in
            await gate.wait()
            received.record(batch)
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).send(.text("x"))
        await broker.deliverDueBatchesInBackground()
        #expect(await eventually { await broker.inFlightBatchCount == 1 })
        let stopping = Task { await broker.shutdown(grace: 30) }
        await gate.release()
        await stopping.value
        #expect(received.flat.count == 1)
        #expect(try await broker.info(queue: "q").total == 0)
    }

    @Test func pauseIsPersistedAndResumeDelivers() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        do {
            let broker = try fixture.open()
            try await broker.pause(queue: "q")
        }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) {
            received.record($0)
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<2))
        await broker.waitUntilIdle()
        #expect(received.flat.isEmpty)
        #expect(try await broker.info(queue: "q").paused)
        try await broker.resume(queue: "q")
        await broker.waitUntilIdle()
        #expect(received.flat.count == 2)
        #expect(try await broker.info(queue: "q").paused == false)
    }
}

extension LocalQueueBroker {
    /// Starts due batches without waiting for them.
    func deliverDueBatchesInBackground() {
        Task { await self.deliverDueBatches() }
    }
}

struct LocalQueueBrokerReopenMetricsTests {
    @Test func metricsAfterReopenCountStoredMessages() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        do {
            let broker = try fixture.open()
            try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<4))
        }
        let reopened = try fixture.open()
        let metrics = try await reopened.producer(queue: "q", deliveryDelay: nil).metrics()
        #expect(metrics.backlogCount == 4)
        #expect(metrics.backlogBytes == 4 * #"{"n":0}"#.utf8.count)
        #expect(metrics.oldestMessageTimestamp == fixture.clock.nowMilliseconds())
    }
}
