import FlareWorkerAPI
import Foundation
import Synchronization

/// Wraps the real replaying fetcher: records each upstream call with the (manual) clock's time and
/// its `authorization` header, and can hold one matching request until the test releases it, so a
/// test can look at a job while the consumer is between pages.
final class VitalsTracingFetcher: Fetcher {
    /// One upstream call.
    struct Call: Sendable {
        var url: String
        var at: Date
        var authorization: String?
    }

    private struct State {
        var calls: [Call] = []
        var holdWhen: (@Sendable (String) -> Bool)?
        var held: CheckedContinuation<Void, Never>?
        var arrivalWaiter: CheckedContinuation<Void, Never>?
        var arrived = false
    }

    private let inner: any Fetcher
    private let clock = Mutex<(any FlareClock)?>(nil)
    private let state = Mutex(State())

    init(inner: any Fetcher) {
        self.inner = inner
    }

    /// Uses `clock` to date the calls (the emulator's, known once it has started).
    func attach(clock: any FlareClock) {
        self.clock.withLock { $0 = clock }
    }

    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        let url = request.url.absoluteString
        let now = clock.withLock { $0?.now() } ?? Date(timeIntervalSince1970: 0)
        let hold = state.withLock { state -> Bool in
            state.calls.append(Call(url: url, at: now, authorization: request.header("authorization")))
            guard let matches = state.holdWhen, matches(url) else { return false }
            state.holdWhen = nil
            return true
        }
        if hold {
            await withCheckedContinuation { continuation in
                let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                    state.held = continuation
                    state.arrived = true
                    defer { state.arrivalWaiter = nil }
                    return state.arrivalWaiter
                }
                waiter?.resume()
            }
        }
        return try await inner.fetch(request)
    }

    /// Every call so far, oldest first.
    var calls: [Call] { state.withLock { $0.calls } }

    /// Holds the next request whose URL satisfies `matches` (once).
    func hold(when matches: @escaping @Sendable (String) -> Bool) {
        state.withLock {
            $0.holdWhen = matches
            $0.arrived = false
        }
    }

    /// Returns once the held request has arrived.
    func waitUntilHeld() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.arrived { return true }
                state.arrivalWaiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Lets the held request go on.
    func release() {
        let held = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer {
                state.held = nil
                state.arrived = false
            }
            return state.held
        }
        held?.resume()
    }
}
