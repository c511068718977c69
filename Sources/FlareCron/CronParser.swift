/// Parses the five fields of a ``CronExpression`` into bit sets, with errors naming field and token.
struct CronParser {
    /// The five fields.
    enum Field: Int, CaseIterable {
        case minute, hour, dayOfMonth, month, dayOfWeek

        /// The field's name in messages.
        var name: String {
            switch self {
            case .minute: return "minute"
            case .hour: return "hour"
            case .dayOfMonth: return "day of month"
            case .month: return "month"
            case .dayOfWeek: return "day of week"
            }
        }

        /// The values as written (day of week: 1 = Sunday ... 7 = Saturday).
        var range: ClosedRange<Int> {
            switch self {
            case .minute: return 0...59
            case .hour: return 0...23
            case .dayOfMonth: return 1...31
            case .month: return 1...12
            case .dayOfWeek: return 1...7
            }
        }

        /// Three-letter names, the first one meaning `range.lowerBound`.
        var names: [String] {
            switch self {
            case .month: return ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            case .dayOfWeek: return ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
            default: return []
            }
        }
    }

    /// The parsed fields.
    struct Result {
        var minutes: UInt64 = 0
        var hours: UInt64 = 0
        var daysOfMonth = CronExpression.DaySpec()
        var months: UInt64 = 0
        var daysOfWeek = CronExpression.WeekdaySpec()
    }

    let source: String

    func parse() throws -> Result {
        let fields = source.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard fields.count == 5 else {
            throw CronError.invalid(
                source, field: nil, token: nil,
                reason: "expected 5 fields (minute hour day-of-month month day-of-week), got \(fields.count)"
                    + (fields.count > 5 ? "; Cloudflare crons have no seconds or years field" : ""))
        }
        var result = Result()
        result.minutes = try plainField(fields[0], .minute)
        result.hours = try plainField(fields[1], .hour)
        result.daysOfMonth = try dayOfMonthField(fields[2])
        result.months = try plainField(fields[3], .month)
        result.daysOfWeek = try dayOfWeekField(fields[4])
        return result
    }

    // MARK: - Fields

    private func plainField(_ text: String, _ field: Field) throws -> UInt64 {
        var mask: UInt64 = 0
        for item in try items(text, field) {
            if item == "?" {
                throw error(field, item, "\"?\" is only allowed in the day of month and day of week fields")
            }
            if item.contains("#") { throw error(field, item, "\"#\" is only allowed in the day of week field") }
            mask |= try rangeItem(item, field)
        }
        return mask
    }

    private func dayOfMonthField(_ text: String) throws -> CronExpression.DaySpec {
        var spec = CronExpression.DaySpec()
        if text == "*" || text == "?" {
            spec.isWildcard = true
            spec.days = try rangeItem("*", .dayOfMonth)
            return spec
        }
        for item in try items(text, .dayOfMonth) {
            let upper = item.uppercased()
            if upper == "L" {
                spec.lastOffsets |= 1
            } else if upper == "LW" {
                spec.lastWeekday = true
            } else if upper.hasPrefix("L-") {
                let offset = try number(String(item.dropFirst(2)), in: 0...30, .dayOfMonth, item)
                spec.lastOffsets |= 1 << UInt64(offset)
            } else if upper.hasSuffix("W") {
                let day = try number(String(item.dropLast()), in: 1...31, .dayOfMonth, item)
                spec.nearestWeekdays |= 1 << UInt64(day)
            } else if item == "?" || item.contains("#") {
                throw error(.dayOfMonth, item, "\"\(item.contains("#") ? "#" : "?")\" cannot be used in a list here")
            } else {
                spec.days |= try rangeItem(item, .dayOfMonth)
            }
        }
        return spec
    }

    private func dayOfWeekField(_ text: String) throws -> CronExpression.WeekdaySpec {
        var spec = CronExpression.WeekdaySpec()
        if text == "*" || text == "?" {
            spec.isWildcard = true
            spec.days = 0x7F
            return spec
        }
        for item in try items(text, .dayOfWeek) {
            let upper = item.uppercased()
            if upper == "L" {
                spec.days |= 1 << 6  // Quartz: `L` alone is the last day of the week, Saturday.
            } else if let hash = item.firstIndex(of: "#") {
                let weekday = try value(String(item[..<hash]), .dayOfWeek, item)
                let nth = try number(String(item[item.index(after: hash)...]), in: 1...5, .dayOfWeek, item)
                spec.nth |= 1 << UInt64((weekday - 1) * 8 + nth)
            } else if upper.count > 1, upper.hasSuffix("L") {
                let weekday = try value(String(item.dropLast()), .dayOfWeek, item)
                spec.last |= 1 << UInt64(weekday - 1)
            } else {
                // Shift from Quartz's 1 = Sunday to bit 0 = Sunday.
                spec.days |= try rangeItem(item, .dayOfWeek) >> 1
            }
        }
        return spec
    }

    // MARK: - Items

    private func items(_ text: String, _ field: Field) throws -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if items.contains(where: \.isEmpty) { throw error(field, text, "empty list element in \"\(text)\"") }
        return items
    }

    /// `*`, `a`, `a-b`, each optionally `/step`; returns bits at the values as written.
    private func rangeItem(_ item: String, _ field: Field) throws -> UInt64 {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else { throw error(field, item, "more than one \"/\" in \"\(item)\"") }
        var step = 1
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 0 else {
                throw error(field, item, "invalid step \"\(parts[1])\" in \"\(item)\"")
            }
            guard parsed > 0 else { throw error(field, item, "step 0 is not allowed in \"\(item)\"") }
            step = parsed
        }
        let base = parts[0]
        let bounds = field.range
        var low = bounds.lowerBound
        var high = bounds.upperBound
        if base == "*" {
            // The whole range.
        } else if let dash = base.firstIndex(of: "-"), dash != base.startIndex {
            low = try value(String(base[..<dash]), field, item)
            high = try value(String(base[base.index(after: dash)...]), field, item)
        } else {
            low = try value(base, field, item)
            if parts.count == 1 { high = low }  // `a/step` runs from a to the end of the range.
        }
        // A range may wrap around the end (`fri-mon`, `22-2`).
        let width = bounds.count
        let span = (high - low + width) % width + 1
        var mask: UInt64 = 0
        for offset in stride(from: 0, to: span, by: step) {
            mask |= 1 << UInt64(bounds.lowerBound + (low - bounds.lowerBound + offset) % width)
        }
        return mask
    }

    /// A number or a three-letter name, checked against the field's range.
    private func value(_ text: String, _ field: Field, _ item: String) throws -> Int {
        if let index = field.names.firstIndex(of: text.uppercased()) { return field.range.lowerBound + index }
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let number = Int(text) else {
            throw error(field, item, "unknown value \"\(text)\" in \"\(item)\"")
        }
        if field == .dayOfWeek && number == 0 {
            throw error(
                field, item,
                "0 is not a day of week in \"\(item)\" (Cloudflare numbers days 1-7 with 1 = Sunday; "
                    + "write 1 or SUN for Sunday)")
        }
        guard field.range.contains(number) else {
            throw error(
                field, item,
                "value \(number) is out of range \(field.range.lowerBound)-\(field.range.upperBound) in \"\(item)\"")
        }
        return number
    }

    private func number(_ text: String, in range: ClosedRange<Int>, _ field: Field, _ item: String) throws -> Int {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let number = Int(text) else {
            throw error(field, item, "unknown value \"\(text)\" in \"\(item)\"")
        }
        guard range.contains(number) else {
            throw error(
                field, item, "value \(number) is out of range \(range.lowerBound)-\(range.upperBound) in \"\(item)\"")
        }
        return number
    }

    private func error(_ field: Field, _ token: String, _ reason: String) -> CronError {
        CronError.invalid(source, field: field.name, token: token, reason: reason)
    }
}
