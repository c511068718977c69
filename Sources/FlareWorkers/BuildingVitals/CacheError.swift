import FlareWorkerAPI

/// A cache failure, with the original service's message (`Failed to cache data: <reason>`).
public struct CacheError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
