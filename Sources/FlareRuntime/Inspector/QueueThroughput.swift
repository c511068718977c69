import Synchronization

/// Messages delivered per queue in fixed windows of the emulator's clock, for the inspector's
/// throughput sparklines. Recorded as each batch finishes; only the newest windows are kept.
public final class QueueThroughput: Sendable {
    private struct State {
        /// Queue → window start (ms) → messages.
        var windows: [String: [Int64: Int]] = [:]
    }

    private let state = Mutex(State())
    /// The width of one window, in milliseconds.
    public let windowMilliseconds: Int64
    /// How many windows a sparkline shows.
    public let windowCount: Int

    /// Creates a recorder with `windowCount` windows of `windowSeconds` each.
    public init(windowSeconds: Int64 = 10, windowCount: Int = 30) {
        windowMilliseconds = max(windowSeconds, 1) * 1000
        self.windowCount = max(windowCount, 1)
    }

    /// Counts `messages` delivered from `queue` at `timestamp` (ms since the epoch).
    public func record(queue: String, messages: Int, at timestamp: Int64) {
        let window = timestamp - timestamp % windowMilliseconds
        let oldest = window - windowMilliseconds * Int64(windowCount * 2)
        state.withLock { state in
            var windows = state.windows[queue] ?? [:]
            windows[window, default: 0] += messages
            if windows.count > windowCount * 2 { windows = windows.filter { $0.key > oldest } }
            state.windows[queue] = windows
        }
    }

    /// Messages delivered from `queue` in each of the last `windowCount` windows up to `now`, oldest first.
    public func series(queue: String, now: Int64) -> [Int] {
        let current = now - now % windowMilliseconds
        let windows = state.withLock { $0.windows[queue] ?? [:] }
        return (0..<windowCount).reversed().map { windows[current - Int64($0) * windowMilliseconds] ?? 0 }
    }
}
