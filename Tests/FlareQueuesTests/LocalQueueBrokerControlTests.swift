import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

struct LocalQueueBrokerControlTests {
    @Test func aQueueWithoutConsumerKeepsItsMessagesAndPeekShowsThem() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let queue = broker.producer(queue: "jobs", deliveryDelay: nil)
        try await queue.sendBatch(numbers(0..<5))
        try await queue.send(.text("delayed"), delaySeconds: 30)
        await broker.waitUntilIdle()
        let info = try await broker.info(queue: "jobs")
        #expect(info.backlog == 5)
        #expect(info.delayed == 1)
        #expect(info.consumer == nil)
        let peeked = try await broker.peek(queue: "jobs", limit: 3)
        #expect(peeked.map(\.body) == [["n": 0], ["n": 1], ["n": 2]])
        #expect(peeked.allSatisfy { $0.failedAttempts == 0 && !$0.inFlight })
        let all = try await broker.peek(queue: "jobs", limit: 100)
        #expect(all.last?.body == .string("delayed"))
        #expect(all.last?.nextDelivery == fixture.clock.nowMilliseconds() + 30_000)
        // Peeking consumed nothing.
        #expect(try await broker.info(queue: "jobs").total == 6)
        let metrics = try await queue.metrics()
        #expect(metrics.backlogCount == 6)
        #expect(metrics.oldestMessageTimestamp == fixture.clock.nowMilliseconds())
    }

    @Test func purgeCreateDeleteAndList() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        try await broker.createQueue("a")
        do {
            try await broker.createQueue("a")
            Issue.record("expected an error")
        } catch let error as QueueError {
            #expect(error.message == "Queue \"a\" already exists.")
        }
        try await broker.producer(queue: "b", deliveryDelay: nil).sendBatch(numbers(0..<4))
        try await broker.registerConsumer(
            queue: "c", settings: QueueConsumerSettings(maxBatchSize: 50, deadLetterQueue: "b"), worker: "w")
        let names = try await broker.listQueues().map(\.name)
        #expect(names == ["a", "b", "c"])
        let c = try await broker.info(queue: "c")
        #expect(c.consumer?.maxBatchSize == 50)
        #expect(c.consumerWorker == "w")
        #expect(c.deadLetterDepth == 4)
        #expect(try await broker.purge(queue: "b") == 4)
        #expect(try await broker.info(queue: "b").total == 0)
        #expect(try await broker.producer(queue: "b", deliveryDelay: nil).metrics().backlogCount == 0)
        try await broker.deleteQueue("a")
        #expect(try await broker.listQueues().map(\.name) == ["b", "c"])
        #expect(try await broker.unregisterConsumer(queue: "c"))
        do {
            _ = try await broker.info(queue: "zzz")
            Issue.record("expected an error")
        } catch let error as QueueError {
            #expect(error.message == "Queue \"zzz\" does not exist.")
        }
    }

    @Test func redriveMovesDeadLettersBackToTheirSource() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let failing = QueueConsumerSettings(maxBatchTimeout: 0, maxRetries: 0, deadLetterQueue: "dlq")
        try await broker.attachConsumer(queue: "q", settings: failing) { _ in throw HandlerFailure() }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<3))
        await broker.waitUntilIdle()
        #expect(fixture.logs.contains("to dead letter queue \"dlq\" after 1 failed attempt..."))
        #expect(try await broker.info(queue: "dlq").backlog == 3)
        await broker.detachConsumer(queue: "q")
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: failing) { received.record($0) }
        let result = try await broker.redrive(deadLetterQueue: "dlq")
        #expect(result.moved == 3)
        #expect(result.queue == "q")
        await broker.waitUntilIdle()
        #expect(received.flat.count == 3)
        #expect(received.flat.allSatisfy { $0.attempts == 1 })
        #expect(try await broker.info(queue: "dlq").total == 0)
        // An explicit target.
        try await broker.producer(queue: "dlq", deliveryDelay: nil).send(.text("x"))
        #expect(try await broker.redrive(deadLetterQueue: "dlq", to: "elsewhere").moved == 1)
        #expect(try await broker.info(queue: "elsewhere").backlog == 1)
    }

    @Test func ndjsonSendsOneMessagePerLine() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let lines = (0..<250).map { "{\"n\":\($0)}" }.joined(separator: "\n") + "\n\n"
        #expect(try await broker.send(queue: "q", ndjson: lines) == 250)
        #expect(try await broker.info(queue: "q").backlog == 250)
        do {
            try await broker.send(queue: "q", ndjson: "{\"ok\":1}\nnot json")
            Issue.record("expected an error")
        } catch let error as QueueError {
            #expect(error.message == "Line 2 is not valid JSON: not json")
        }
    }
}
