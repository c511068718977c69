import Foundation

/// A cron expression in Cloudflare's five-field dialect: minute, hour, day of month, month, day of week,
/// evaluated in UTC.
///
/// Supports `*`, lists, ranges (also wrapping ones such as `fri-mon`), steps (`*/30`, `5-50/5`, `10/15`),
/// case-insensitive month and weekday names, day-of-week numbering as Cloudflare documents it (Quartz:
/// 1 = Sunday ... 7 = Saturday; `0` is rejected as Cloudflare's API does), `L` (last day of month,
/// `L-3`, and `6L` / `friL` for the last Friday), `W` (`15W` nearest weekday, `LW` last weekday), `#`
/// (`2#1`, the first Monday) and `?` (any, as Quartz). When both the day of month and the day of week
/// are restricted, a day matches if **either** matches (the standard cron OR rule).
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/configuration/cron-triggers/>
///
/// ```swift
/// let cron = try CronExpression("0 18 * * 6L")      // 18:00 UTC on the last Friday of each month
/// let next = cron.next(after: clock.now())
/// ```
///
/// Two expressions are equal when they describe the same schedule (`0 17 * * sun` == `0 17 * * 1`).
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The day-of-month field.
    struct DaySpec: Hashable, Sendable {
        /// `*` or `?`: the field does not restrict (matters for the OR rule).
        var isWildcard = false
        /// Bit `d` set: day `d` (1-31).
        var days: UInt64 = 0
        /// Bit `n` set: `L-n` (the n-th day before the last; `L` is `n = 0`).
        var lastOffsets: UInt64 = 0
        /// `LW`: the last weekday (Monday-Friday) of the month.
        var lastWeekday = false
        /// Bit `d` set: `dW`, the weekday nearest to day `d` within the month.
        var nearestWeekdays: UInt64 = 0
    }

    /// The day-of-week field (weekdays numbered 0 = Sunday ... 6 = Saturday internally).
    struct WeekdaySpec: Hashable, Sendable {
        /// `*` or `?`: the field does not restrict.
        var isWildcard = false
        /// Bit `w` set: every weekday `w`.
        var days: UInt64 = 0
        /// Bit `w` set: the last weekday `w` of the month (`6L`).
        var last: UInt64 = 0
        /// Bit `w * 8 + n` set: the n-th weekday `w` of the month (`2#1`).
        var nth: UInt64 = 0
    }

    /// The expression as written.
    public let source: String
    /// Bit `m` set: minute `m` (0-59).
    let minutes: UInt64
    /// Bit `h` set: hour `h` (0-23).
    let hours: UInt64
    /// The day-of-month field.
    let daysOfMonth: DaySpec
    /// Bit `m` set: month `m` (1-12).
    let months: UInt64
    /// The day-of-week field.
    let daysOfWeek: WeekdaySpec

    /// Parses an expression.
    ///
    /// - Parameter source: five whitespace-separated fields, e.g. `*/30 * * * *`.
    /// - Throws: ``CronError`` with code `invalidExpression`, naming the field and the bad token, e.g.
    ///   `Invalid cron expression "*/0 * * * *": minute field: step 0 is not allowed in "*/0"`.
    public init(_ source: String) throws {
        let parsed = try CronParser(source: source).parse()
        self.source = source
        minutes = parsed.minutes
        hours = parsed.hours
        daysOfMonth = parsed.daysOfMonth
        months = parsed.months
        daysOfWeek = parsed.daysOfWeek
    }

    /// The expression as written.
    public var description: String { source }

    /// Whether the minute containing `date` is a fire time.
    public func matches(_ date: Date) -> Bool {
        let minuteIndex = CronCalendar.floorDiv(Int64((date.timeIntervalSince1970).rounded(.down)), 60)
        let dayNumber = Int(CronCalendar.floorDiv(minuteIndex, 1440))
        let minuteOfDay = Int(minuteIndex - Int64(dayNumber) * 1440)
        guard minutes & (1 << UInt64(minuteOfDay % 60)) != 0, hours & (1 << UInt64(minuteOfDay / 60)) != 0 else {
            return false
        }
        let date = CronCalendar.civil(days: dayNumber)
        guard months & (1 << UInt64(date.month)) != 0 else { return false }
        return dayMask(year: date.year, month: date.month) & (1 << UInt64(date.day)) != 0
    }

    /// Two expressions are equal when they describe the same schedule, whatever their spelling.
    public static func == (lhs: CronExpression, rhs: CronExpression) -> Bool {
        lhs.minutes == rhs.minutes && lhs.hours == rhs.hours && lhs.daysOfMonth == rhs.daysOfMonth
            && lhs.months == rhs.months && lhs.daysOfWeek == rhs.daysOfWeek
    }

    /// Hashes the schedule (consistent with `==`).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(minutes)
        hasher.combine(hours)
        hasher.combine(daysOfMonth)
        hasher.combine(months)
        hasher.combine(daysOfWeek)
    }

    /// The days of `month` that match both day fields, as bits 1-31 (the OR rule applied).
    func dayMask(year: Int, month: Int) -> UInt64 {
        let count = CronCalendar.daysInMonth(year: year, month: month)
        let allDays: UInt64 = ((1 << UInt64(count)) - 1) << 1
        let domOpen = daysOfMonth.isWildcard
        let dowOpen = daysOfWeek.isWildcard
        if domOpen && dowOpen { return allDays }
        let firstWeekday = CronCalendar.weekday(days: CronCalendar.days(year: year, month: month, day: 1))
        let dom = domOpen ? 0 : dayOfMonthMask(count: count, firstWeekday: firstWeekday)
        let dow = dowOpen ? 0 : dayOfWeekMask(count: count, firstWeekday: firstWeekday)
        if domOpen { return dow }
        if dowOpen { return dom }
        return dom | dow
    }

    private func dayOfMonthMask(count: Int, firstWeekday: Int) -> UInt64 {
        let spec = daysOfMonth
        var mask = spec.days & (((1 << UInt64(count)) - 1) << 1)
        var offsets = spec.lastOffsets
        while offsets != 0 {
            let offset = offsets.trailingZeroBitCount
            offsets &= offsets - 1
            if offset < count { mask |= 1 << UInt64(count - offset) }
        }
        let weekdayOf = { (day: Int) in (firstWeekday + day - 1) % 7 }
        if spec.lastWeekday {
            switch weekdayOf(count) {
            case 6: mask |= 1 << UInt64(count - 1)
            case 0: mask |= 1 << UInt64(count - 2)
            default: mask |= 1 << UInt64(count)
            }
        }
        var nearest = spec.nearestWeekdays
        while nearest != 0 {
            let day = nearest.trailingZeroBitCount
            nearest &= nearest - 1
            guard day <= count else { continue }
            // Quartz: never leave the month; a Saturday goes back to Friday unless it is the 1st, a Sunday
            // goes forward to Monday unless it is the last day.
            switch weekdayOf(day) {
            case 6: mask |= 1 << UInt64(day == 1 ? 3 : day - 1)
            case 0: mask |= 1 << UInt64(day == count ? day - 2 : day + 1)
            default: mask |= 1 << UInt64(day)
            }
        }
        return mask
    }

    private func dayOfWeekMask(count: Int, firstWeekday: Int) -> UInt64 {
        let spec = daysOfWeek
        var mask: UInt64 = 0
        for day in 1...count {
            let weekday = (firstWeekday + day - 1) % 7
            let bit: UInt64 = 1 << UInt64(weekday)
            if spec.days & bit != 0 || (spec.last & bit != 0 && day + 7 > count)
                || spec.nth & (1 << UInt64(weekday * 8 + (day - 1) / 7 + 1)) != 0
            {
                mask |= 1 << UInt64(day)
            }
        }
        return mask
    }
}
