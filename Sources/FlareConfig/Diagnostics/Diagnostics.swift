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
        /// The `[env.NAME]` section the finding is about (`nil`: the top level).
        public var environment: String?

        /// Creates an entry.
        public init(severity: Severity, keyPath: String, message: String, environment: String? = nil) {
            self.severity = severity
            self.keyPath = keyPath
            self.message = message
            self.environment = environment
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

    /// Records an error (in `environment`'s block when given).
    public mutating func error(_ keyPath: String, _ message: String, environment: String? = nil) {
        entries.append(Entry(severity: .error, keyPath: keyPath, message: message, environment: environment))
    }

    /// Records a warning (in `environment`'s block when given).
    public mutating func warning(_ keyPath: String, _ message: String, environment: String? = nil) {
        entries.append(Entry(severity: .warning, keyPath: keyPath, message: message, environment: environment))
    }

    /// Renders as wrangler does: `Processing <file> configuration:` then `  - <message>` lines,
    /// continuation lines indented two more spaces; an environment's findings form a nested block
    /// under `  - "env.<NAME>" environment configuration`.
    public func render() -> String {
        var lines = ["Processing \(file) configuration:"]
        for entry in entries where entry.environment == nil { Self.append(entry, indent: "  ", to: &lines) }
        var environments: [String] = []
        for entry in entries {
            if let name = entry.environment, !environments.contains(name) { environments.append(name) }
        }
        for name in environments {
            lines.append("  - \"env.\(name)\" environment configuration")
            for entry in entries where entry.environment == name { Self.append(entry, indent: "    ", to: &lines) }
        }
        return lines.joined(separator: "\n")
    }

    private static func append(_ entry: Entry, indent: String, to lines: inout [String]) {
        let label = entry.severity == .error ? "[ERROR]" : "[WARNING]"
        var parts = entry.message.split(separator: "\n", omittingEmptySubsequences: false)
        // Some wrangler messages end with a newline: do not print it as an empty line.
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        lines.append("\(indent)- \(label) \(parts.first ?? "")")
        for continuation in parts.dropFirst() {
            lines.append(continuation.isEmpty ? "" : "\(indent)  \(continuation)")
        }
    }
}
