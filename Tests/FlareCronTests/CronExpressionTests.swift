import FlareCron
import Foundation
import Testing

struct CronExpressionTests {
    private func next(_ expression: String, after: String, count: Int = 1) throws -> [String] {
        minutes(try CronExpression(expression).next(after: utc(after), count: count))
    }

    // MARK: - The documentation's examples

    @Test func sundayByNameEqualsOne() throws {
        #expect(try CronExpression("0 17 * * sun") == CronExpression("0 17 * * 1"))
        #expect(try CronExpression("0 17 * * SUN") == CronExpression("0 17 * * 1"))
        // 2025-01-01 is a Wednesday.
        #expect(
            try next("0 17 * * sun", after: "2025-01-01T00:00", count: 2) == ["2025-01-05T17:00", "2025-01-12T17:00"])
    }

    @Test func weekdaysMondayToFriday() throws {
        #expect(try CronExpression("10 7 * * mon-fri") == CronExpression("10 7 * * 2-6"))
        #expect(
            try next("10 7 * * mon-fri", after: "2025-01-03T08:00", count: 3)
                == ["2025-01-06T07:10", "2025-01-07T07:10", "2025-01-08T07:10"])
    }

    @Test func lastFridayOfTheMonth() throws {
        #expect(try CronExpression("0 18 * * 6L") == CronExpression("0 18 * * friL"))
        #expect(
            try next("0 18 * * 6L", after: "2025-01-01T00:00", count: 3)
                == ["2025-01-31T18:00", "2025-02-28T18:00", "2025-03-28T18:00"])
    }

    @Test func lastWeekdayOfTheMonth() throws {
        #expect(try next("59 23 LW * *", after: "2025-01-01T00:00") == ["2025-01-31T23:59"])
        // 2025-05-31 is a Saturday, 2025-08-31 a Sunday: both go back to Friday.
        #expect(try next("59 23 LW * *", after: "2025-05-01T00:00") == ["2025-05-30T23:59"])
        #expect(try next("59 23 LW * *", after: "2025-08-01T00:00") == ["2025-08-29T23:59"])
    }

    @Test func everyThreeMinutes() throws {
        #expect(
            try next("*/3 * * * *", after: "2025-01-01T00:00", count: 3)
                == ["2025-01-01T00:03", "2025-01-01T00:06", "2025-01-01T00:09"])
        #expect(try next("*/3 * * * *", after: "2025-01-01T00:57") == ["2025-01-01T01:00"])
    }

    @Test func threePmOnTheFirst() throws {
        #expect(try next("0 15 1 * *", after: "2025-01-15T00:00") == ["2025-02-01T15:00"])
        #expect(try next("0 15 1 * *", after: "2025-12-02T00:00") == ["2026-01-01T15:00"])
    }

    // MARK: - Syntax elements

    @Test func listsRangesStepsAndNames() throws {
        #expect(
            try next("5-50/5 * * * *", after: "2025-01-01T10:45", count: 3)
                == ["2025-01-01T10:50", "2025-01-01T11:05", "2025-01-01T11:10"])
        #expect(
            try next("10/20 * * * *", after: "2025-01-01T10:00", count: 3).map { String($0.suffix(2)) } == [
                "10", "30", "50",
            ])
        #expect(
            try next("0 0 1 jan,JUL *", after: "2025-01-02T00:00", count: 2) == [
                "2025-07-01T00:00", "2026-01-01T00:00",
            ])
        #expect(try CronExpression("0 0 1 aug-oct *") == CronExpression("0 0 1 8,9,10 *"))
        #expect(try CronExpression("0 0 ? * *") == CronExpression("0 0 * * ?"))
    }

    @Test func wrappingRanges() throws {
        #expect(try CronExpression("0 22-2 * * *") == CronExpression("0 22,23,0,1,2 * * *"))
        #expect(try CronExpression("0 0 * * fri-mon") == CronExpression("0 0 * * 6,7,1,2"))
    }

    @Test func nthWeekday() throws {
        #expect(try CronExpression("0 9 * * 2#1") == CronExpression("0 9 * * mon#1"))
        #expect(
            try next("0 9 * * 2#1", after: "2025-01-01T00:00", count: 2) == ["2025-01-06T09:00", "2025-02-03T09:00"])
        // The fifth Friday exists only in some months (2025: January, May, August, October).
        #expect(try next("0 9 * * fri#5", after: "2025-02-01T00:00") == ["2025-05-30T09:00"])
    }

    @Test func nearestWeekday() throws {
        // 2025-02-15 is a Saturday (-> Friday 14th), 2025-06-15 a Sunday (-> Monday 16th).
        #expect(try next("0 0 15W * *", after: "2025-02-01T00:00") == ["2025-02-14T00:00"])
        #expect(try next("0 0 15W * *", after: "2025-06-01T00:00") == ["2025-06-16T00:00"])
        // The 1st on a Saturday never goes back into the previous month: 2025-03-01 -> Monday 3rd.
        #expect(try next("0 0 1W * *", after: "2025-02-28T12:00") == ["2025-03-03T00:00"])
        // The last day on a Sunday goes back to Friday: 2025-08-31 -> 29th.
        #expect(try next("0 0 31W * *", after: "2025-08-01T00:00") == ["2025-08-29T00:00"])
    }

    @Test func lastDayAndOffsets() throws {
        #expect(try next("0 0 L * *", after: "2024-02-01T00:00") == ["2024-02-29T00:00"])
        #expect(try next("0 0 L * *", after: "2025-02-01T00:00") == ["2025-02-28T00:00"])
        #expect(try next("0 0 L * *", after: "2025-04-01T00:00") == ["2025-04-30T00:00"])
        #expect(try next("0 0 L-2 * *", after: "2025-02-01T00:00") == ["2025-02-26T00:00"])
        // `L` alone in the day-of-week field is Saturday, as in Quartz.
        #expect(try CronExpression("0 0 * * L") == CronExpression("0 0 * * sat"))
    }

    @Test func leapYears() throws {
        #expect(
            try next("0 0 29 2 *", after: "2025-01-01T00:00", count: 2) == ["2028-02-29T00:00", "2032-02-29T00:00"])
        // 2100 is not a leap year.
        #expect(try next("0 0 29 2 *", after: "2097-01-01T00:00") == ["2104-02-29T00:00"])
        #expect(try next("0 0 29 2 *", after: "2399-03-01T00:00") == ["2400-02-29T00:00"])
        #expect(
            try minutes([CronExpression("0 0 29 2 *").previous(before: utc("2028-01-01T00:00"))!]) == [
                "2024-02-29T00:00"
            ])
    }

    @Test func monthEnds() throws {
        // The 31st skips months that have none.
        #expect(
            try next("0 0 31 * *", after: "2025-04-01T00:00", count: 2) == ["2025-05-31T00:00", "2025-07-31T00:00"])
        #expect(try next("30 23 * * *", after: "2025-12-31T23:45") == ["2026-01-01T23:30"])
        #expect(try next("0 0 30 2 *", after: "2025-01-01T00:00") == [])
    }

    @Test func dayOfMonthOrDayOfWeek() throws {
        // Both restricted: a day matches if either matches (Friday or the 13th).
        #expect(
            try next("0 0 13 * fri", after: "2025-01-01T00:00", count: 4)
                == ["2025-01-03T00:00", "2025-01-10T00:00", "2025-01-13T00:00", "2025-01-17T00:00"])
        // Only one restricted: that one alone decides.
        #expect(try next("0 0 13 * *", after: "2025-01-01T00:00") == ["2025-01-13T00:00"])
        #expect(try next("0 0 * * fri", after: "2025-01-01T00:00") == ["2025-01-03T00:00"])
        #expect(try next("0 0 ? * fri", after: "2025-01-01T00:00") == ["2025-01-03T00:00"])
    }

    @Test func nextAndPreviousAreStrict() throws {
        let cron = try CronExpression("*/30 * * * *")
        #expect(minutes([cron.next(after: utc("2025-01-01T00:30"))!]) == ["2025-01-01T01:00"])
        #expect(minutes([cron.next(after: utc("2025-01-01T00:29:59"))!]) == ["2025-01-01T00:30"])
        #expect(minutes([cron.previous(before: utc("2025-01-01T00:30"))!]) == ["2025-01-01T00:00"])
        #expect(minutes([cron.previous(before: utc("2025-01-01T00:30:01"))!]) == ["2025-01-01T00:30"])
        #expect(minutes([cron.previous(before: utc("2025-01-01T00:00"))!]) == ["2024-12-31T23:30"])
        #expect(cron.matches(utc("2025-01-01T00:30:45")))
        #expect(!cron.matches(utc("2025-01-01T00:31")))
    }

    @Test func previousMirrorsNext() throws {
        #expect(
            try minutes([CronExpression("0 18 * * 6L").previous(before: utc("2025-03-01T00:00"))!]) == [
                "2025-02-28T18:00"
            ])
        #expect(
            try minutes([CronExpression("59 23 LW * *").previous(before: utc("2025-09-01T00:00"))!]) == [
                "2025-08-29T23:59"
            ])
        #expect(
            try minutes([CronExpression("0 15 1 * *").previous(before: utc("2025-01-01T15:00"))!]) == [
                "2024-12-01T15:00"
            ])
        #expect(try CronExpression("0 0 30 2 *").previous(before: utc("2025-01-01T00:00")) == nil)
    }
}
