import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Synchronization
import Testing

/// The batch timer counts from when a message became available (Miniflare's `ensurePendingFlush` on
/// push), not from when the delivery loop next looked: with a manual clock that moves in one jump,
/// the loop may look only at the end of the jump, which used to push deliveries back a whole timeout.
struct LocalQueueBrokerTimerTests {
    @Test func timerStartsWhenTheMessageIsSentNotWhenTheLoopLooks() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 10, maxBatchTimeout: 30)
        ) { received.record($0) }
        try await broker.producer(queue: "q", deliveryDelay: nil).send(.text("a"))
        // No look between the send and the jump.
        await fixture.clock.advance(by: 29.9)
        await broker.waitUntilIdle()
        #expect(received.sizes.isEmpty)
        await fixture.clock.advance(by: 0.1)
        await broker.waitUntilIdle()
        #expect(received.sizes == [1])
    }

    @Test func retryDelayThenTimeoutCountFromWhenTheDelayElapsed() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 10, maxBatchTimeout: 30, maxRetries: 3)
        ) { batch in
            received.record(batch)
            if batch.messages[0].attempts == 1 { batch.messages[0].retry(delaySeconds: 4) }
        }
        try await broker.producer(queue: "q", deliveryDelay: nil).send(.text("a"))
        await fixture.clock.advance(by: 30)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1])
        // Available again at +4 s, due at +34 s; one jump past +4 s must not restart the timer there.
        await fixture.clock.advance(by: 33.9)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1])
        await fixture.clock.advance(by: 0.1)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.attempts) == [1, 2])
    }

    /// A message that became available while the only batch slot was busy waits a full timeout
    /// after that batch finishes (Miniflare flushes again only then).
    @Test func timerNeverStartsBeforeTheConsumerIsFree() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        let gate = Gate()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 2, maxBatchTimeout: 10)
        ) { batch in
            received.record(batch)
            if batch.messages[0].body == .text("slow") { await gate.wait() }
        }
        let service = Task { await broker.run() }
        let queue = broker.producer(queue: "q", deliveryDelay: nil)
        try await queue.send(.text("slow"))
        await fixture.clock.advance(by: 10)
        #expect(await eventually { received.sizes == [1] })
        try await queue.send(.text("delayed"), delaySeconds: 5)
        await fixture.clock.advance(by: 60)  // the delay elapses while the slow batch runs
        await gate.release()
        #expect(await eventually { await broker.inFlightBatchCount == 0 })
        await broker.waitUntilIdle()
        #expect(received.sizes == [1])
        await fixture.clock.advance(by: 9.9)
        await broker.waitUntilIdle()
        #expect(received.sizes == [1])
        await fixture.clock.advance(by: 0.1)
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.body) == [.text("slow"), .text("delayed")])
        service.cancel()
        await service.value
    }
}
