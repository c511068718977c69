import Foundation

/// One `scheduled` invocation the ``CronScheduler`` asks for.
public struct CronFiring: Sendable, Hashable, CustomStringConvertible {
    /// The worker's name.
    public var worker: String
    /// The expression that fired, as written in the config (`controller.cron`).
    public var cron: String
    /// The scheduled minute (`controller.scheduledTime`), not the moment it ran.
    public var scheduledTime: Date

    /// Creates a firing.
    public init(worker: String, cron: String, scheduledTime: Date) {
        self.worker = worker
        self.cron = cron
        self.scheduledTime = scheduledTime
    }

    /// `worker "cron" @ ISO time`.
    public var description: String {
        "\(worker) \"\(cron)\" @ \(CronFormatting.iso8601(scheduledTime))"
    }
}

/// One trigger with its upcoming fire times (for `swiftflare cron list`).
public struct CronTriggerSchedule: Sendable, Hashable {
    /// The worker's name.
    public var worker: String
    /// The expression.
    public var cron: String
    /// The next fire times, in order.
    public var nextFireTimes: [Date]

    /// Creates a schedule entry.
    public init(worker: String, cron: String, nextFireTimes: [Date]) {
        self.worker = worker
        self.cron = cron
        self.nextFireTimes = nextFireTimes
    }
}

/// UTC ISO 8601 formatting and parsing for cron times (`2025-01-01T00:30:00Z`).
public enum CronFormatting {
    /// `date` as `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    public static func iso8601(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let dayNumber = CronCalendar.floorDiv(seconds, 86_400)
        let secondOfDay = Int(seconds - dayNumber * 86_400)
        let civil = CronCalendar.civil(days: Int(dayNumber))
        let year = civil.year >= 0 ? pad(civil.year, 4) : "-" + pad(-civil.year, 4)
        return "\(year)-\(pad(civil.month, 2))-\(pad(civil.day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Parses an ISO 8601 time (`2025-01-01T00:30:00Z`, with optional fractional seconds or an offset such
    /// as `+02:00`), a date alone (`2025-01-01`, midnight UTC), or milliseconds since the epoch.
    public static func parse(_ text: String) -> Date? {
        if let millis = Int64(text) { return Date(timeIntervalSince1970: Double(millis) / 1000) }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withFullDate]
        full.timeZone = TimeZone(identifier: "UTC")
        return full.date(from: text)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
