import Synchronization

/// The `ack`/`retry` calls made on one batch, in the precedence workerd gives them: explicit
/// per-message calls win over `ackAll`/`retryAll`, and those over the handler's outcome.
public final class MessageOutcomes: Sendable {
    /// What happens to one message.
    public enum Fate: Sendable, Hashable {
        /// Acknowledged: done.
        case ack
        /// Redeliver, after `delaySeconds` if given (else the consumer's `retry_delay`).
        case retry(delaySeconds: Int?)
    }

    private struct State {
        var explicit: [String: Fate] = [:]
        var all: Fate?
        var warnings: [String] = []
    }

    private let state = Mutex(State())

    /// Creates an empty record.
    public init() {}

    func ack(_ id: String) {
        state.withLock { state in
            if case .retry? = state.explicit[id] {
                state.warnings.append(Self.warning("ack()", id: id, after: "retry()"))
                return
            }
            if case .retry? = state.all {
                state.warnings.append(Self.warning("ack()", id: id, after: "retryAll()"))
                return
            }
            state.explicit[id] = .ack
        }
    }

    func retry(_ id: String, delaySeconds: Int?) {
        state.withLock { state in
            if state.explicit[id] == .ack {
                state.warnings.append(Self.warning("retry()", id: id, after: "ack()"))
                return
            }
            if state.all == .ack {
                state.warnings.append(Self.warning("retry()", id: id, after: "ackAll()"))
                return
            }
            state.explicit[id] = .retry(delaySeconds: delaySeconds)
        }
    }

    func ackAll() {
        state.withLock { state in
            if case .retry? = state.all {
                state.warnings.append(
                    "Received a call to ackAll() after retryAll() was already called. "
                        + "Calling ackAll() after calling retryAll() has no effect."
                )
                return
            }
            state.all = .ack
        }
    }

    func retryAll(delaySeconds: Int?) {
        state.withLock { state in
            if state.all == .ack {
                state.warnings.append(
                    "Received a call to retryAll() after ackAll() was already called. "
                        + "Calling retryAll() after calling ackAll() has no effect."
                )
                return
            }
            state.all = .retry(delaySeconds: delaySeconds)
        }
    }

    /// The fate of message `id` given whether the handler succeeded: explicit call, else the
    /// batch-wide call, else ack on success and retry on failure.
    public func fate(of id: String, handlerSucceeded: Bool) -> Fate {
        state.withLock { state in
            if let explicit = state.explicit[id] { return explicit }
            if let all = state.all { return all }
            return handlerSucceeded ? .ack : .retry(delaySeconds: nil)
        }
    }

    /// The explicit per-message calls made so far.
    public var explicitFates: [String: Fate] {
        state.withLock { $0.explicit }
    }

    /// Warnings workerd would log for contradictory calls (e.g. `retry()` after `ack()`).
    public var warnings: [String] {
        state.withLock { $0.warnings }
    }

    private static func warning(_ call: String, id: String, after earlier: String) -> String {
        "Received a call to \(call) on message \(id) after \(earlier) was already called. "
            + "Calling \(call) on a message after calling \(earlier) has no effect."
    }
}
