import FlareWorkerAPI
import Foundation
import Testing

/// Messages delivered by the broker decode their bodies on first read, once, from any task.
struct StoredMessageBodyTests {
    @Test func storedBodiesDecodeOnFirstRead() {
        let outcomes = MessageOutcomes()
        func message(_ type: QueueContentType, _ text: String) -> Message {
            Message(
                id: "m", timestamp: Date(timeIntervalSince1970: 0), contentType: type, storedBody: Array(text.utf8),
                attempts: 1, outcomes: outcomes)
        }
        #expect(message(.json, "{\"a\":[1,2.5,\"x\"]}").body == .json(["a": [1, 2.5, "x"]]))
        #expect(message(.json, "{not json").body == .bytes(Data("{not json".utf8)))
        #expect(message(.text, "héllo").body == .text("héllo"))
        #expect(message(.bytes, "raw").body == .bytes(Data("raw".utf8)))
        #expect(message(.v8, "v8").body == .v8(Data("v8".utf8)))
    }

    @Test func concurrentReadersSeeOneValue() async {
        let message = Message(
            id: "m", timestamp: Date(timeIntervalSince1970: 0), contentType: .json,
            storedBody: Array("{\"symbol\":\"BTCUSDT\",\"close\":40003.5}".utf8), attempts: 1,
            outcomes: MessageOutcomes())
        let bodies = await withTaskGroup(of: QueueMessageBody.self) { group in
            for _ in 0..<32 { group.addTask { message.body } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies.count == 32)
        #expect(Set(bodies.map { "\($0)" }).count == 1)
        #expect(bodies.first == .json(["symbol": "BTCUSDT", "close": 40003.5]))
    }
}
