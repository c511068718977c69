import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import GRDB
import Testing

/// Held messages live in a small in-flight table beside each queue's messages.
struct InFlightTableTests {
    /// A batch that is not a run of consecutive messages (a delayed one sits between two of its
    /// messages) is deleted message by message when acknowledged, never by its range.
    @Test func acknowledgingABatchSparesTheDelayedMessageInsideIt() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let queue = broker.producer(queue: "q", deliveryDelay: nil)
        try await queue.sendBatch([
            QueueSendRequest(body: .text("a")), QueueSendRequest(body: .text("late"), delaySeconds: 60),
            QueueSendRequest(body: .text("b")),
        ])
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) {
            received.record($0)
        }
        await broker.waitUntilIdle()
        #expect(received.all.map { $0.map(\.body) } == [[.text("a"), .text("b")]])
        let info = try await broker.info(queue: "q")
        #expect(info.delayed == 1 && info.inFlight == 0 && info.backlog == 0)
        await fixture.clock.advance(by: 60)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.body) == [.text("a"), .text("b"), .text("late")])
        #expect(try await broker.info(queue: "q").total == 0)
    }

    /// Version 2 of the database marked held messages in the message row's `lease` column; a
    /// broker opening such a database redelivers them, counting the interrupted attempt.
    @Test func leasesOfTheOldLayoutAreRedelivered() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        do {
            let broker = try fixture.open()
            try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<3))
            await broker.shutdown(grace: 1)
        }
        let path = fixture.root.url.appendingPathComponent("v3/queues/broker.sqlite").path
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            let id = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM queues WHERE name = 'q'"))
            try db.execute(sql: "UPDATE messages_\(id) SET lease = 7 WHERE seq <= 2")
        }
        try old.close()
        let reopened = try fixture.open()
        let received = Deliveries()
        try await reopened.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) {
            received.record($0)
        }
        await reopened.waitUntilIdle()
        #expect(received.flat.map { $0.body.jsonValue?["n"]?.int64Value } == [0, 1, 2])
        #expect(received.flat.map(\.attempts) == [2, 2, 1])
    }

    /// Another process (a CLI inspecting the database) sees what a running broker holds.
    @Test func anInspectingBrokerSeesHeldMessages() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let gate = Gate()
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(maxBatchTimeout: 0)) { batch in
            received.record(batch)
            await gate.wait()
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(numbers(0..<4))
        let running = Task { await broker.waitUntilIdle() }
        #expect(await eventually { received.flat.count == 4 })
        let inspector = try LocalQueueBroker(
            persistRoot: fixture.root.url, clock: fixture.clock, logger: fixture.logs.logger, recoverInFlight: false)
        #expect(try await inspector.info(queue: "q").inFlight == 4)
        #expect(try await inspector.peek(queue: "q").allSatisfy(\.inFlight))
        #expect(try await inspector.purge(queue: "q") == 0)
        await gate.release()
        await running.value
        #expect(try await inspector.info(queue: "q").total == 0)
    }
}
