import FlareWorkerAPI
import Foundation
import Logging
import Synchronization

/// A readable console log format: `HH:mm:ss.SSS LEVEL [worker] message key=value`, with secret
/// values redacted.
public struct ConsoleLogHandler: LogHandler {
    /// Metadata attached to every message.
    public var metadata: Logger.Metadata = [:]
    /// The minimum level printed.
    public var logLevel: Logger.Level
    private let label: String
    private let redactions: [String]
    private let output: @Sendable (String) -> Void
    private let clock: any FlareClock

    /// Creates a handler printing to standard error.
    /// - Parameters:
    ///   - label: the logger label.
    ///   - level: the minimum level.
    ///   - redacting: secret values replaced by `[redacted]` wherever they appear.
    ///   - output: where lines go (standard error by default).
    ///   - clock: the time source for timestamps.
    public init(
        label: String, level: Logger.Level = .info, redacting: [String] = [],
        output: @escaping @Sendable (String) -> Void = ConsoleLogHandler.standardError,
        clock: any FlareClock = SystemClock()
    ) {
        self.clock = clock
        self.label = label
        self.logLevel = level
        self.redactions = redacting.filter { $0.count >= 4 }
        self.output = output
    }

    /// Writes a line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Metadata access by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats and writes one message.
    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra, uniquingKeysWith: { _, new in new }) }
        let worker = merged.removeValue(forKey: "worker").map { " [\($0)]" } ?? ""
        let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Self.timeFormatter.withLock { $0.string(from: clock.now()) }
        var line = "\(time) \(event.level.rawValue.uppercased())\(worker) \(event.message)"
        if !pairs.isEmpty { line += " \(pairs)" }
        for secret in redactions { line = line.replacingOccurrences(of: secret, with: "[redacted]") }
        output(line)
    }

    private static let timeFormatter: Mutex<DateFormatter> = {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss.SSS"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return Mutex(formatter)
    }()
}
