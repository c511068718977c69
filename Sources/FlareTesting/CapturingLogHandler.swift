import Logging
import Synchronization

/// A log handler that keeps every message in memory, so tests can check the log lines.
///
/// ```swift
/// let (logger, lines) = CapturingLogHandler.logger()
/// scheduler.run(...)   // logs through `logger`
/// #expect(lines.all.contains { $0.contains("Skipped") })
/// ```
public struct CapturingLogHandler: LogHandler {
    /// Where the messages go (shared by every copy of the handler).
    public final class Storage: Sendable {
        private let messages = Mutex<[String]>([])

        /// Creates empty storage.
        public init() {}

        /// Every message so far, in order.
        public var all: [String] { messages.withLock { $0 } }

        func append(_ message: String) { messages.withLock { $0.append(message) } }
    }

    /// The handler's storage.
    public let storage: Storage
    /// Metadata set on the logger.
    public var metadata: Logger.Metadata = [:]
    /// Every level is kept.
    public var logLevel: Logger.Level = .trace

    /// A handler writing into `storage`.
    public init(storage: Storage) {
        self.storage = storage
    }

    /// A logger with a fresh storage.
    public static func logger(label: String = "test") -> (Logger, Storage) {
        let storage = Storage()
        return (Logger(label: label) { _ in CapturingLogHandler(storage: storage) }, storage)
    }

    /// Metadata lookup, as `LogHandler` requires.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Keeps the message.
    public func log(event: LogEvent) {
        storage.append("\(event.message)")
    }
}
