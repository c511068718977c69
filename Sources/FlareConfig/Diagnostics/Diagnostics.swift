/// The errors and warnings found while loading and normalising a config, in wrangler's message
/// shapes, each naming the file and the key path.
public struct Diagnostics: Sendable, Equatable {
    /// One finding.
    public struct Entry: Sendable, Equatable {
        /// How serious.
        public enum Severity: String, Sendable, Equatable {
            /// Loading fails.
            case error
            /// Loading goes on.
            case warning
        }

        /// How serious.
        public var severity: Severity
        /// The key path, e.g. `queues.consumers[0].max_batch_size` (empty for the whole file).
        public var keyPath: String
        /// The message in wrangler's shape.
        public var message: String

        /// Creates an entry.
        public init(severity: Severity, keyPath: String, message: String) {
            self.severity = severity
            self.keyPath = keyPath
            self.message = message
        }
    }

    /// The config file the findings are about.
    public var file: String
    /// The findings, in the order found.
    public var entries: [Entry]

    /// Creates diagnostics for `file`.
    public init(file: String, entries: [Entry] = []) {
        self.file = file
        self.entries = entries
    }

    /// The errors.
    public var errors: [Entry] { entries.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [Entry] { entries.filter { $0.severity == .warning } }
    /// Whether there is any error.
    public var hasErrors: Bool { entries.contains { $0.severity == .error } }

    /// Records an error.
    public mutating func error(_ keyPath: String, _ message: String) {
        entries.append(Entry(severity: .error, keyPath: keyPath, message: message))
    }

    /// Records a warning.
    public mutating func warning(_ keyPath: String, _ message: String) {
        entries.append(Entry(severity: .warning, keyPath: keyPath, message: message))
    }

    /// Renders as wrangler does: `Processing <file> configuration:` then `  - <message>` lines,
    /// continuation lines indented two more spaces.
    public func render() -> String {
        var lines = ["Processing \(file) configuration:"]
        for entry in entries {
            let label = entry.severity == .error ? "[ERROR]" : "[WARNING]"
            let parts = entry.message.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  - \(label) \(parts.first ?? "")")
            for continuation in parts.dropFirst() { lines.append("    \(continuation)") }
        }
        return lines.joined(separator: "\n")
    }
}
