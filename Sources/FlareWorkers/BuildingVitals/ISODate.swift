import FlareWorkerAPI
import Foundation

/// Parsing and formatting of the ISO 8601 instants the API takes and returns.
enum ISODate {
    /// Parses an ISO 8601 date-time (`Z` or an offset, with or without fractional seconds) or a bare
    /// `YYYY-MM-DD` date (midnight UTC, as JavaScript's `new Date("2025-01-01")`).
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        for options in optionSets {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }

    /// `2025-01-31T12:00:00.000Z`, as JavaScript's `toISOString()`.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The UTC calendar date `YYYY-MM-DD`.
    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    /// Milliseconds since the epoch.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The date `milliseconds` after the epoch.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static let optionSets: [ISO8601DateFormatter.Options] = [
        [.withInternetDateTime],
        [.withInternetDateTime, .withFractionalSeconds],
        [.withFullDate],
    ]
}
