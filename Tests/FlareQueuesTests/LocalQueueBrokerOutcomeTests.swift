import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

struct HandlerFailure: Error {}

struct LocalQueueBrokerOutcomeTests {
    @Test func thrownHandlerRetriesAfterRetryDelayThenDrops() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0, maxRetries: 2, retryDelay: 30)
        ) { batch in
            received.record(batch)
            throw HandlerFailure()
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).send(.text("x"))
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1])
        await fixture.clock.advance(by: 29)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1])
        #expect(try await broker.peek(queue: "q").first?.failedAttempts == 1)
        await fixture.clock.advance(by: 1)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1, 2])
        await fixture.clock.advance(by: 30)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1, 2, 3])
        await fixture.clock.advance(by: 60)
        await broker.waitUntilIdle()
        #expect(received.flat.count == 3)
        let id = received.flat[0].id
        #expect(fixture.logs.contains("Dropped message \"\(id)\" on queue \"q\" after 3 failed attempts!"))
        #expect(fixture.logs.contains("Retrying message \"\(id)\" on queue \"q\"..."))
        #expect(fixture.logs.contains("QUEUE q 0/1"))
        #expect(try await broker.info(queue: "q").total == 0)
    }

    @Test func exhaustedMessagesMoveToTheDeadLetterQueueWithTheirIdentity() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        let settings = QueueConsumerSettings(maxBatchTimeout: 0, maxRetries: 1, deadLetterQueue: "q-dlq")
        try await broker.attachConsumer(queue: "q", settings: settings) { batch in
            received.record(batch)
            batch.retryAll()
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).send(.json(["k": "v"]))
        await broker.waitUntilIdle()
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1, 2])
        let id = received.flat[0].id
        #expect(
            fixture.logs.contains(
                "Moving message \"\(id)\" on queue \"q\" to dead letter queue \"q-dlq\" after 2 failed attempts..."))
        let dead = try await broker.peek(queue: "q-dlq")
        #expect(dead.map(\.id) == [id])
        #expect(dead.first?.failedAttempts == 0)
        #expect(dead.first?.body == ["k": "v"])
        let info = try await broker.info(queue: "q")
        #expect(info.total == 0)
        #expect(info.deadLetterDepth == 1)
        // The DLQ has no consumer: the message waits there, it is not dropped.
        let dlqReceived = Deliveries()
        try await broker.attachConsumer(queue: "q-dlq", settings: QueueConsumerSettings(maxBatchTimeout: 0)) {
            dlqReceived.record($0)
        }
        await broker.waitUntilIdle()
        #expect(dlqReceived.flat.map(\.id) == [id])
        #expect(dlqReceived.flat.map(\.attempts) == [1])
    }

    @Test func explicitAckAndRetryBeatAThrownHandler() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 3, maxBatchTimeout: 0)
        ) { batch in
            received.record(batch)
            if batch.messages.count == 3 {
                batch.messages[0].ack()
                batch.messages[1].retry(delaySeconds: 5)
                throw HandlerFailure()
            }
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<3))
        await broker.waitUntilIdle()
        #expect(fixture.logs.contains("QUEUE q 1/3"))
        // Message 2 (not explicitly settled) is retried now; message 1 after its own 5 s delay.
        #expect(received.all.count == 2)
        #expect(received.all[1].map { $0.body.jsonValue?["n"]?.int64Value } == [2])
        #expect(received.all[1].first?.attempts == 2)
        await fixture.clock.advance(by: 5)
        await broker.waitUntilIdle()
        #expect(received.all.last?.map { $0.body.jsonValue?["n"]?.int64Value } == [1])
        #expect(try await broker.info(queue: "q").total == 0)
    }

    @Test func explicitRetryBeatsASuccessfulHandler() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings()) { batch in
            received.record(batch)
            if batch.messages.count == 3 { batch.messages[1].retry() }
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<3))
        await broker.waitUntilIdle()
        await fixture.clock.advance(by: 1)
        await broker.waitUntilIdle()
        #expect(fixture.logs.contains("QUEUE q 2/3"))
        #expect(received.sizes == [3])
        await fixture.clock.advance(by: 1)
        await broker.waitUntilIdle()
        #expect(received.sizes == [3, 1])
        #expect(received.all[1][0].id == received.all[0][1].id)
        #expect(received.all[1][0].attempts == 2)
    }

    @Test func ackAllBeatsAThrownHandler() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) { batch in
            batch.ackAll()
            throw HandlerFailure()
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<2))
        await broker.waitUntilIdle()
        #expect(fixture.logs.contains("QUEUE q 2/2"))
        #expect(try await broker.info(queue: "q").total == 0)
    }
}
