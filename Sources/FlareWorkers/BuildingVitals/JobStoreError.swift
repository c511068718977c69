import FlareWorkerAPI

/// A `queue_jobs` row that cannot be read, or a D1 failure while tracking jobs.
public struct JobStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
