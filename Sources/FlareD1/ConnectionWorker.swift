import Foundation
import Synchronization

/// One SQLite connection and the serial queue that owns it.
///
/// `@unchecked Sendable`: `connection` is only touched on `queue`, which serialises every call.
final class ConnectionWorker: @unchecked Sendable {
    private let queue: DispatchQueue
    private let connection: SQLiteConnection

    /// Opens a connection to `path`.
    /// - Throws: `SQLiteFailure`.
    init(path: String, readOnly: Bool) throws {
        queue = DispatchQueue(label: "swiftflare.d1.\(readOnly ? "reader" : "writer")")
        connection = try SQLiteConnection(path: path, readOnly: readOnly)
    }

    /// Runs `body` on the connection's queue.
    /// - Throws: whatever `body` throws.
    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(self.connection) })
            }
        }
    }
}

/// The connections of one database file, shared by every ``LocalD1Database`` in the process that opens it, so
/// that all writers of a database id go through one writer queue.
final class DatabaseConnections: Sendable {
    let writer: ConnectionWorker
    let reader: ConnectionWorker

    private init(path: String) throws {
        writer = try ConnectionWorker(path: path, readOnly: false)
        reader = try ConnectionWorker(path: path, readOnly: true)
    }

    // An NSLock (pthread) rather than `Synchronization.Mutex`: ThreadSanitizer does not see the
    // futex that orders `Mutex` on Linux and reported the accesses below, all under the lock, as races.
    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: Weak] = [:]  // Only under `registryLock`.

    private struct Weak {
        weak var value: DatabaseConnections?
    }

    /// The shared connections to `path` (opened on first use).
    /// - Throws: `SQLiteFailure`.
    static func shared(path: String) throws -> DatabaseConnections {
        registryLock.lock()
        defer { registryLock.unlock() }
        if let existing = registry[path]?.value { return existing }
        let created = try DatabaseConnections(path: path)
        registry[path] = Weak(value: created)
        return created
    }
}
