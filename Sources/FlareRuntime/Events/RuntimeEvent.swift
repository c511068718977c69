import FlareWorkerAPI
import Foundation

/// Something that happened in the emulator, as `swiftflare tail` streams it.
public struct RuntimeEvent: Sendable, Codable, Equatable {
    /// What kind of event.
    public enum Kind: String, Sendable, Codable {
        /// A `fetch` invocation.
        case request
        /// A `queue` batch.
        case batch
        /// A `scheduled` invocation.
        case scheduled
        /// A line the worker logged.
        case log
    }

    /// When it happened (ms since the epoch, on the emulator's clock).
    public var timestamp: Int64
    /// What kind of event.
    public var kind: Kind
    /// The worker.
    public var worker: String
    /// `ok`, `exception`, or the status code for requests.
    public var outcome: String
    /// A one-line summary (`GET /trigger 200`, `historical-data-queue: 100 messages`).
    public var summary: String
    /// Milliseconds taken.
    public var durationMs: Double?
    /// Log level for `.log` events.
    public var level: String?

    /// Creates an event.
    public init(
        timestamp: Int64, kind: Kind, worker: String, outcome: String, summary: String, durationMs: Double? = nil,
        level: String? = nil
    ) {
        self.timestamp = timestamp
        self.kind = kind
        self.worker = worker
        self.outcome = outcome
        self.summary = summary
        self.durationMs = durationMs
        self.level = level
    }

    /// The event as one readable line.
    public var prettyLine: String {
        let time = Date(timeIntervalSince1970: Double(timestamp) / 1000)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let duration = durationMs.map { String(format: " (%.1f ms)", $0) } ?? ""
        return "\(formatter.string(from: time)) [\(worker)] \(kind.rawValue) \(summary) → \(outcome)\(duration)"
    }
}
