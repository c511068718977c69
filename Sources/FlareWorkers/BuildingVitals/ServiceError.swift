import FlareWorkerAPI

/// A server-side failure the API answers with 500 `{error, timestamp}` (missing binding or var).
public struct ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
