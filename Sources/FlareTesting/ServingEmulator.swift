import FlareRuntime
import Foundation

/// An emulator serving over real loopback sockets (`Emulator.run` in a task), for socket tests.
///
/// ```swift
/// let served = try await ServingEmulator.start(emulator)
/// defer { served.stop() }
/// let url = served.table[0].url   // "http://127.0.0.1:<port>"
/// ```
public struct ServingEmulator: Sendable {
    /// Each served worker and its URL, in port order (the primary first).
    public let table: [(worker: String, url: String)]
    /// The task running the server; cancelling it shuts the emulator down.
    public let task: Task<Void, any Error>

    /// Starts `emulator.run` and returns once every server listens.
    /// - Throws: `ServingEmulatorError` when the servers stopped before they were ready, or what
    ///   `run` threw (a port that could not be bound).
    public static func start(_ emulator: Emulator) async throws -> ServingEmulator {
        let ready = AsyncStream.makeStream(of: [(worker: String, url: String)].self)
        let task = Task {
            defer { ready.continuation.finish() }
            try await emulator.run { table in
                ready.continuation.yield(table)
                ready.continuation.finish()
            }
        }
        var iterator = ready.stream.makeAsyncIterator()
        guard let table = await iterator.next() else {
            try await task.value
            throw ServingEmulatorError.stoppedBeforeReady
        }
        return ServingEmulator(table: table, task: task)
    }

    /// Stops the server (graceful shutdown runs in the task).
    public func stop() {
        task.cancel()
    }
}

/// ``ServingEmulator/start(_:)`` saw the server stop without becoming ready.
public enum ServingEmulatorError: Error, Sendable {
    /// `Emulator.run` returned before its servers listened.
    case stoppedBeforeReady
}
