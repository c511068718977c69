import Synchronization

/// Background work (`waitUntil` tasks) that shutdown must await.
final class PendingWork: Sendable {
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let counter = Mutex(0)

    /// Starts `work` and keeps it until it finishes.
    func track(_ work: @escaping @Sendable () async -> Void) {
        let id = counter.withLock { value -> Int in
            value += 1
            return value
        }
        let task = Task { [weak self] in
            await work()
            _ = self?.tasks.withLock { $0.removeValue(forKey: id) }
        }
        tasks.withLock { $0[id] = task }
    }

    /// Awaits every tracked task (including ones started while waiting).
    func drain() async {
        while true {
            let remaining = tasks.withLock { Array($0.values) }
            if remaining.isEmpty { return }
            for task in remaining { await task.value }
        }
    }
}
