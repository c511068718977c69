import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

/// A batch is serialised into one arena and inserted by statements of 100, 10 and 1 rows.
struct OutgoingBatchTests {
    @Test(arguments: [1, 9, 10, 37, 99, 100])
    func everyBatchSizeKeepsOrderBodiesAndDelays(_ count: Int) async throws {
        let fixture = try BrokerFixture()
        defer { fixture.root.remove() }
        let broker = try fixture.open()
        let queue = broker.producer(queue: "q", deliveryDelay: nil)
        // Mixed bodies: a long text grows the arena past its first allocation.
        let requests = (0..<count).map { index -> QueueSendRequest in
            switch index % 4 {
            case 0:
                QueueSendRequest(body: .json(["n": .int(Int64(index)), "price": .double(1234.5678 + Double(index))]))
            case 1: QueueSendRequest(body: .text(String(repeating: "é", count: 900 + index)))
            case 2: QueueSendRequest(body: .bytes(Data([UInt8(index), 0, 255])), delaySeconds: 30)
            default: QueueSendRequest(body: .json(["quote": "a\"b\n", "n": .int(Int64(index))]))
            }
        }
        try await queue.sendBatch(requests)
        let peeked = try await broker.peek(queue: "q", limit: 100)
        #expect(peeked.count == count)
        #expect(Set(peeked.map(\.id)).count == count)
        #expect(peeked.allSatisfy { $0.id.count == 32 && $0.id.allSatisfy(\.isHexDigit) })
        // Delivery order: messages due now in send order, then the delayed ones.
        let order = (0..<count).filter { $0 % 4 != 2 } + (0..<count).filter { $0 % 4 == 2 }
        for (index, message) in zip(order, peeked) {
            switch index % 4 {
            case 0:
                #expect(message.contentType == .json)
                #expect(message.body?["n"]?.int64Value == Int64(index))
                #expect(message.body?["price"] == .double(1234.5678 + Double(index)))
            case 1:
                #expect(message.contentType == .text)
                #expect(message.body == .string(String(repeating: "é", count: 900 + index)))
                #expect(message.size == (900 + index) * 2)
            case 2:
                #expect(message.contentType == .bytes)
                #expect(message.size == 3)
                #expect(message.nextDelivery == message.timestamp + 30_000)
            default:
                #expect(message.body?["quote"] == .string("a\"b\n"))
            }
        }
        #expect(try await queue.metrics().backlogCount == count)
    }
}
