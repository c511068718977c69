import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

struct LocalQueueValidationTests {
    private func expectError(_ message: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(message)")
        } catch let error as QueueError {
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func sizeCountAndDelayErrorsCarryCloudflaresMessages() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let queue = broker.producer(queue: "q", deliveryDelay: nil)
        await expectError("Queue send failed: message length of 128001 bytes exceeds limit of 128000") {
            try await queue.send(.bytes(Data(count: 128_001)))
        }
        try await queue.send(.bytes(Data(count: 128_000)))
        await expectError("sendBatch() requires at least one message") { try await queue.sendBatch([]) }
        await expectError("Queue sendBatch failed: batch message count of 101 exceeds limit of 100") {
            try await queue.sendBatch(numbers(0..<101))
        }
        await expectError(
            "Queue sendBatch failed: message in batch has length 128001 bytes which exceeds single message size "
                + "limit of 128000"
        ) {
            try await queue.sendBatch([QueueSendRequest(body: .text(String(repeating: "a", count: 128_001)))])
        }
        await expectError("Queue sendBatch failed: batch size of 300000 bytes exceeds limit of 288000") {
            try await queue.sendBatch(
                (0..<3).map { _ in QueueSendRequest(body: .bytes(Data(count: 100_000))) })
        }
        await expectError(
            "Queue send failed: message delay 86401 is invalid: Number must be less than or equal to 86400"
        ) {
            try await queue.send(.text("x"), delaySeconds: 86_401)
        }
        await expectError(
            "Queue sendBatch failed: message delay -1 is invalid: Number must be greater than or equal to 0"
        ) {
            try await queue.sendBatch([QueueSendRequest(body: .text("x"))], delaySeconds: -1)
        }
        do {
            try await queue.sendBatch([])
        } catch let error as QueueError {
            #expect(error.code == .typeError)
            #expect("\(error)" == "TypeError: sendBatch() requires at least one message")
        }
        // Only the one valid send was stored.
        #expect(try await queue.metrics().backlogCount == 1)
        #expect(try await queue.metrics().backlogBytes == 128_000)
    }

    @Test func consumerConfigurationErrorsCarryMiniflaresMessages() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(), worker: "a") { _ in }
        await expectError("Multiple consumers defined for queue \"q\": \"a\" and \"b\"") {
            try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(), worker: "b") { _ in }
        }
        await expectError("Dead letter queue for queue \"r\" cannot be itself") {
            try await broker.attachConsumer(queue: "r", settings: QueueConsumerSettings(deadLetterQueue: "r")) { _ in }
        }
        await broker.detachConsumer(queue: "q")
        try await broker.attachConsumer(queue: "q", settings: QueueConsumerSettings(), worker: "b") { _ in }
    }

    @Test func bodiesRoundTripThroughTheStore() async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let received = Deliveries()
        try await broker.attachConsumer(
            queue: "q", settings: QueueConsumerSettings(maxBatchSize: 10, maxBatchTimeout: 0)
        ) { received.record($0) }
        let json: JSONValue = [
            "symbol": "BTCUSDT", "open": 43_000.5, "volume": 12.0, "n": -7, "ok": true, "none": nil,
            "text": "quote \" backslash \\ newline \n tab \t unicode é 🚀 \u{01}", "list": [1, 2.5, "x", [], [:]],
        ]
        let bodies: [QueueMessageBody] = [
            .json(json), .text("plain ✓"), .bytes(Data([0, 1, 255])), try .codable(["a": 1]), .json(1e300),
        ]
        try await broker.producer(queue: "q", deliveryDelay: nil).sendBatch(
            bodies.map { QueueSendRequest(body: $0) })
        await broker.waitUntilIdle()
        #expect(received.flat.map(\.body) == bodies)
    }
}
