import Foundation

/// Field-wise search for fire times: it skips whole months, days and hours that cannot match, so a call
/// costs a handful of bit operations per field however far away the next fire time is.
extension CronExpression {
    /// How far the search looks (one full Gregorian cycle: beyond it, the pattern only repeats).
    private static let searchYears = 400

    /// The first fire time strictly after `date` (a whole UTC minute), or `nil` when the expression never
    /// fires (e.g. `0 0 30 2 *`).
    public func next(after date: Date) -> Date? {
        let start = CronCalendar.floorDiv(Int64(date.timeIntervalSince1970.rounded(.down)), 60) + 1
        return searchForward(fromMinute: start)
    }

    /// The last fire time strictly before `date` (a whole UTC minute), or `nil` when there is none.
    public func previous(before date: Date) -> Date? {
        let start = -CronCalendar.floorDiv(-Int64(date.timeIntervalSince1970.rounded(.up)), 60) - 1
        return searchBackward(fromMinute: start)
    }

    /// The next `count` fire times strictly after `date`, in order (fewer when the expression stops firing).
    public func next(after date: Date, count: Int) -> [Date] {
        var dates: [Date] = []
        var cursor = date
        while dates.count < count, let fire = next(after: cursor) {
            dates.append(fire)
            cursor = fire
        }
        return dates
    }

    private func searchForward(fromMinute start: Int64) -> Date? {
        let dayNumber = Int(CronCalendar.floorDiv(start, 1440))
        let minuteOfDay = Int(start - Int64(dayNumber) * 1440)
        var (year, month, day) = CronCalendar.civil(days: dayNumber)
        var hour = minuteOfDay / 60
        var minute = minuteOfDay % 60
        let lastYear = year + Self.searchYears
        var dayBits: UInt64 = 0
        var maskMonth = 0
        while year <= lastYear {
            guard let foundMonth = Self.lowestBit(months, from: month) else {
                (year, month, day, hour, minute) = (year + 1, 1, 1, 0, 0)
                continue
            }
            if foundMonth != month { (month, day, hour, minute) = (foundMonth, 1, 0, 0) }
            if maskMonth != year * 16 + month {
                dayBits = dayMask(year: year, month: month)
                maskMonth = year * 16 + month
            }
            guard let foundDay = Self.lowestBit(dayBits, from: day) else {
                (month, day, hour, minute) = (month + 1, 1, 0, 0)
                continue
            }
            if foundDay != day { (day, hour, minute) = (foundDay, 0, 0) }
            guard let foundHour = Self.lowestBit(hours, from: hour) else {
                (day, hour, minute) = (day + 1, 0, 0)
                continue
            }
            if foundHour != hour { (hour, minute) = (foundHour, 0) }
            guard let foundMinute = Self.lowestBit(minutes, from: minute) else {
                (hour, minute) = (hour + 1, 0)
                continue
            }
            return Self.date(year: year, month: month, day: day, hour: hour, minute: foundMinute)
        }
        return nil
    }

    private func searchBackward(fromMinute start: Int64) -> Date? {
        let dayNumber = Int(CronCalendar.floorDiv(start, 1440))
        let minuteOfDay = Int(start - Int64(dayNumber) * 1440)
        var (year, month, day) = CronCalendar.civil(days: dayNumber)
        var hour = minuteOfDay / 60
        var minute = minuteOfDay % 60
        let firstYear = year - Self.searchYears
        var dayBits: UInt64 = 0
        var maskMonth = 0
        while year >= firstYear {
            guard let foundMonth = Self.highestBit(months, upTo: month) else {
                (year, month, day, hour, minute) = (year - 1, 12, 31, 23, 59)
                continue
            }
            if foundMonth != month { (month, day, hour, minute) = (foundMonth, 31, 23, 59) }
            if maskMonth != year * 16 + month {
                dayBits = dayMask(year: year, month: month)
                maskMonth = year * 16 + month
            }
            guard let foundDay = Self.highestBit(dayBits, upTo: day) else {
                (month, day, hour, minute) = (month - 1, 31, 23, 59)
                continue
            }
            if foundDay != day { (day, hour, minute) = (foundDay, 23, 59) }
            guard let foundHour = Self.highestBit(hours, upTo: hour) else {
                (day, hour, minute) = (day - 1, 23, 59)
                continue
            }
            if foundHour != hour { (hour, minute) = (foundHour, 59) }
            guard let foundMinute = Self.highestBit(minutes, upTo: minute) else {
                (hour, minute) = (hour - 1, 59)
                continue
            }
            return Self.date(year: year, month: month, day: day, hour: hour, minute: foundMinute)
        }
        return nil
    }

    /// The lowest set bit at or above `from`.
    private static func lowestBit(_ mask: UInt64, from: Int) -> Int? {
        guard from < 64 else { return nil }
        let remaining = mask & (~UInt64(0) << UInt64(max(from, 0)))
        return remaining == 0 ? nil : remaining.trailingZeroBitCount
    }

    /// The highest set bit at or below `upTo`.
    private static func highestBit(_ mask: UInt64, upTo: Int) -> Int? {
        guard upTo >= 0 else { return nil }
        let remaining = upTo >= 63 ? mask : mask & ((UInt64(1) << UInt64(upTo + 1)) - 1)
        return remaining == 0 ? nil : 63 - remaining.leadingZeroBitCount
    }

    private static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int) -> Date {
        let dayNumber = CronCalendar.days(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(dayNumber) * 86_400 + Double(hour * 3600 + minute * 60))
    }
}
