import Synchronization

/// Background work (`waitUntil` tasks) that shutdown must await.
final class PendingWork: Sendable {
    private struct State {
        var next = 0
        var tasks: [Int: Task<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Starts `work` and keeps it until it finishes.
    func track(_ work: @escaping @Sendable () async -> Void) {
        // The task is stored under the same lock that creates it, so a task that finishes at once
        // cannot remove itself before it was stored (which would leave it tracked forever).
        state.withLock { state in
            state.next += 1
            let id = state.next
            state.tasks[id] = Task { [weak self] in
                await work()
                self?.finish(id)
            }
        }
    }

    private func finish(_ id: Int) {
        _ = state.withLock { $0.tasks.removeValue(forKey: id) }
    }

    /// Awaits every tracked task (including ones started while waiting).
    func drain() async {
        while true {
            let remaining = state.withLock { Array($0.tasks) }
            if remaining.isEmpty { return }
            for (id, task) in remaining {
                await task.value
                finish(id)
            }
        }
    }

    /// Awaits the tracked tasks for up to `limit` of elapsed time, then cancels those still
    /// running and awaits them (a `waitUntil` task asleep on a manual clock nobody advances
    /// would otherwise hold shutdown forever). Returns whether everything finished in time.
    @discardableResult
    func drain(within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.drain()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let finished = await group.next() ?? true
            group.cancelAll()
            if !finished {
                for task in state.withLock({ Array($0.tasks.values) }) { task.cancel() }
            }
            return finished
        }
    }
}
