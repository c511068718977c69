import FlareWorkerAPI
import Synchronization

extension ManualClock {
    /// Advances to each sleeper's deadline until `task` finishes.
    func advanceUntilIdle<T>(_ task: Task<T, any Error>) async {
        let done = TaskDoneFlag()
        Task {
            _ = try? await task.value
            done.set()
        }
        while !done.isSet {
            if let next = nextDeadline {
                await advance(to: next)
            } else {
                await Task.yield()
            }
        }
    }
}

/// Set once a watched task has finished.
final class TaskDoneFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
