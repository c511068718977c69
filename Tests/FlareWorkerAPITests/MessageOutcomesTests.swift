import Foundation
import Testing

@testable import FlareWorkerAPI

struct MessageOutcomesTests {
    private func batch(_ ids: [String]) -> MessageBatch {
        let outcomes = MessageOutcomes()
        let messages = ids.map {
            Message(
                id: $0, timestamp: Date(timeIntervalSince1970: 0), body: .text("x"), attempts: 1, outcomes: outcomes)
        }
        return MessageBatch(
            queue: "q", messages: messages,
            metrics: QueueMetrics(backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: nil), outcomes: outcomes)
    }

    @Test func explicitCallsBeatTheHandlerOutcome() {
        let batch = batch(["a", "b", "c"])
        batch.messages[0].ack()
        batch.messages[1].retry(delaySeconds: 5)
        #expect(batch.outcomes.fate(of: "a", handlerSucceeded: false) == .ack)
        #expect(batch.outcomes.fate(of: "b", handlerSucceeded: true) == .retry(delaySeconds: 5))
        #expect(batch.outcomes.fate(of: "c", handlerSucceeded: true) == .ack)
        #expect(batch.outcomes.fate(of: "c", handlerSucceeded: false) == .retry(delaySeconds: nil))
    }

    @Test func retryAfterAckWarnsAndHasNoEffect() {
        let batch = batch(["a"])
        batch.messages[0].ack()
        batch.messages[0].retry()
        #expect(batch.outcomes.fate(of: "a", handlerSucceeded: false) == .ack)
        #expect(
            batch.outcomes.warnings == [
                "Received a call to retry() on message a after ack() was already called. "
                    + "Calling retry() on a message after calling ack() has no effect."
            ])
    }

    @Test func retryAllAppliesToMessagesWithoutExplicitCalls() {
        let batch = batch(["a", "b"])
        batch.messages[0].ack()
        batch.retryAll(delaySeconds: 2)
        #expect(batch.outcomes.fate(of: "a", handlerSucceeded: true) == .ack)
        #expect(batch.outcomes.fate(of: "b", handlerSucceeded: true) == .retry(delaySeconds: 2))
    }
}
