import FlareCron
import Testing

struct CronErrorTests {
    private func error(_ expression: String) -> CronError? {
        do {
            _ = try CronExpression(expression)
            return nil
        } catch {
            return error as? CronError
        }
    }

    @Test func stepZeroNamesFieldAndToken() {
        let error = error("*/0 * * * *")
        #expect(
            error?.message == #"Invalid cron expression "*/0 * * * *": minute field: step 0 is not allowed in "*/0""#)
        #expect(error?.field == "minute")
        #expect(error?.token == "*/0")
        #expect(error?.code == .invalidExpression)
    }

    @Test func dayOfWeekZeroIsRejectedWithAHint() {
        let error = error("0 0 * * 0")
        #expect(error?.field == "day of week")
        #expect(error?.token == "0")
        #expect(error?.message.contains("1 = Sunday") == true)
        #expect(self.error("0 0 * * 0-6")?.token == "0-6")
    }

    @Test func outOfRangeValues() {
        #expect(
            error("60 * * * *")?.message
                == #"Invalid cron expression "60 * * * *": minute field: value 60 is out of range 0-59 in "60""#)
        #expect(error("0 24 * * *")?.field == "hour")
        #expect(error("0 0 32 * *")?.field == "day of month")
        #expect(error("0 0 * 13 *")?.field == "month")
        #expect(error("0 0 * * 8")?.field == "day of week")
        #expect(error("0 0 * * 2#6")?.token == "2#6")
        #expect(error("0 0 L-31 * *")?.token == "L-31")
    }

    @Test func unknownTokens() {
        #expect(
            error("0 0 * foo *")?.message
                == #"Invalid cron expression "0 0 * foo *": month field: unknown value "foo" in "foo""#)
        #expect(error("0 0 * * 5W")?.token == "5W")
        #expect(error("0 0 1,,2 * *")?.message.contains("empty list element") == true)
        #expect(error("0 0 * * */x")?.message.contains(#"invalid step "x""#) == true)
        #expect(error("0 ? * * *")?.field == "hour")
        #expect(error("0 0 2#1 * *")?.field == "day of month")
        #expect(error("1-2-3 * * * *")?.field == "minute")
    }

    @Test func wrongFieldCount() {
        #expect(
            error("* * * *")?.message
                == #"Invalid cron expression "* * * *": expected 5 fields (minute hour day-of-month month day-of-week), got 4"#
        )
        #expect(error("0 0 0 * * ? 2025")?.message.contains("no seconds or years field") == true)
        #expect(error("")?.field == nil)
    }
}
