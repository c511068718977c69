import Synchronization

/// The `ctx` argument of every handler: work that outlives the response, and exception pass-through.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/context/>
public final class ExecutionContext: Sendable {
    private struct State {
        var tasks: [Task<Void, Never>] = []
        var passThrough = false
    }

    private let state = Mutex(State())
    private let onError: @Sendable (any Error) -> Void

    /// Creates a context; `onError` receives errors thrown by `waitUntil` work (the runtime logs them).
    public init(onError: @escaping @Sendable (any Error) -> Void = { _ in }) {
        self.onError = onError
    }

    /// Runs `work` in the background; the runtime awaits it after the response and before shutdown.
    public func waitUntil(_ work: @escaping @Sendable () async throws -> Void) {
        let onError = self.onError
        let task = Task {
            do { try await work() } catch { onError(error) }
        }
        state.withLock { $0.tasks.append(task) }
    }

    /// Accepted for compatibility: there is no origin to fall through to locally.
    public func passThroughOnException() {
        state.withLock { $0.passThrough = true }
    }

    /// Whether the handler called ``passThroughOnException()``.
    public var passesThroughOnException: Bool {
        state.withLock { $0.passThrough }
    }

    /// Whether `waitUntil` work was registered and not yet awaited by ``settle()``.
    public var hasPendingWork: Bool { state.withLock { !$0.tasks.isEmpty } }

    /// Awaits every `waitUntil` task registered so far (and those they register in turn).
    public func settle() async {
        while true {
            let pending = state.withLock { state -> [Task<Void, Never>] in
                let tasks = state.tasks
                state.tasks = []
                return tasks
            }
            if pending.isEmpty { return }
            for task in pending { await task.value }
        }
    }
}
