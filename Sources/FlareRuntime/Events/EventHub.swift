import Synchronization

/// Fans runtime events out to subscribers (`swiftflare tail`, the inspector), keeping a short
/// history so that a new subscriber sees recent events.
public final class EventHub: Sendable {
    private struct State {
        var nextID = 0
        var subscribers: [Int: AsyncStream<RuntimeEvent>.Continuation] = [:]
        var recent: [RuntimeEvent] = []
    }

    private let state = Mutex(State())
    private let historyLimit: Int
    /// Messages delivered per queue over time (the inspector's sparklines).
    public let throughput = QueueThroughput()

    /// Creates a hub keeping the last `historyLimit` events.
    public init(historyLimit: Int = 200) {
        self.historyLimit = historyLimit
    }

    /// Publishes an event to every subscriber.
    public func publish(_ event: RuntimeEvent) {
        let continuations = state.withLock { state -> [AsyncStream<RuntimeEvent>.Continuation] in
            state.recent.append(event)
            if state.recent.count > historyLimit { state.recent.removeFirst(state.recent.count - historyLimit) }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.yield(event) }
    }

    /// The most recent events, oldest first.
    public var recentEvents: [RuntimeEvent] {
        state.withLock { $0.recent }
    }

    /// A stream of events from now on (buffering the newest 1,000 for a slow reader).
    public func subscribe() -> AsyncStream<RuntimeEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: RuntimeEvent.self, bufferingPolicy: .bufferingNewest(1000))
        let id = state.withLock { state -> Int in
            state.nextID += 1
            state.subscribers[state.nextID] = continuation
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }
}
