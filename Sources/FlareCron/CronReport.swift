import Foundation

/// The text `swiftflare cron next` and `swiftflare cron list` print, so the CLI stays a thin shell.
public enum CronReport {
    /// A worker's triggers, as read from its config.
    public struct Triggers: Sendable, Equatable {
        /// The worker's name.
        public var worker: String
        /// Its `[triggers] crons`.
        public var crons: [String]

        /// Creates an entry.
        public init(worker: String, crons: [String]) {
            self.worker = worker
            self.crons = crons
        }
    }

    /// `cron next`: the next `count` fire times after `after`, one UTC ISO 8601 time a line, or as JSON
    /// `{"cron":…,"after":…,"next":[…]}`. An expression that never fires prints nothing (JSON: `[]`).
    /// - Throws: ``CronError`` for an invalid expression.
    public static func next(expression: String, after: Date, count: Int, json: Bool) throws -> String {
        let times = try CronExpression(expression).next(after: after, count: count).map(CronFormatting.iso8601)
        guard json else { return times.joined(separator: "\n") }
        return encode(NextOutput(cron: expression, after: CronFormatting.iso8601(after), next: times))
    }

    /// `cron next --json` for an invalid expression: `{"cron":…,"error":…}`.
    public static func errorJSON(expression: String, error: CronError) -> String {
        encode(ErrorOutput(cron: expression, error: error.message))
    }

    /// `cron list`: each worker's triggers with their next `count` fire times after `after`. Invalid
    /// expressions are listed with their error.
    /// - Returns: the text and whether every expression was valid.
    public static func list(_ triggers: [Triggers], after: Date, count: Int, json: Bool) -> (text: String, valid: Bool)
    {
        var entries: [ListEntry] = []
        for worker in triggers {
            for cron in worker.crons {
                do {
                    let times = try CronExpression(cron).next(after: after, count: count)
                    entries.append(
                        ListEntry(worker: worker.worker, cron: cron, next: times.map(CronFormatting.iso8601)))
                } catch {
                    entries.append(ListEntry(worker: worker.worker, cron: cron, error: "\(error)"))
                }
            }
        }
        let valid = entries.allSatisfy { $0.error == nil }
        if json { return (encode(entries), valid) }
        if entries.isEmpty { return ("No cron triggers.", valid) }
        var lines: [String] = []
        for entry in entries {
            lines.append("\(entry.worker)  \"\(entry.cron)\"")
            if let error = entry.error {
                lines.append("  error: \(error)")
            } else if entry.next?.isEmpty ?? true {
                lines.append("  (never fires)")
            } else {
                lines += entry.next!.map { "  \($0)" }
            }
        }
        return (lines.joined(separator: "\n"), valid)
    }

    private struct NextOutput: Encodable {
        var cron: String
        var after: String
        var next: [String]
    }

    private struct ErrorOutput: Encodable {
        var cron: String
        var error: String
    }

    private struct ListEntry: Encodable {
        var worker: String
        var cron: String
        var next: [String]?
        var error: String?
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
