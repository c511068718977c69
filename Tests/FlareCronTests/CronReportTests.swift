import FlareCron
import Foundation
import Testing

struct CronReportTests {
    @Test func nextPrintsISOTimesOrJSON() throws {
        let text = try CronReport.next(
            expression: "*/30 * * * *", after: utc("2025-01-01T00:00"), count: 2, json: false)
        #expect(text == "2025-01-01T00:30:00Z\n2025-01-01T01:00:00Z")
        let json = try CronReport.next(expression: "0 15 1 * *", after: utc("2025-01-01T00:00"), count: 1, json: true)
        #expect(json == #"{"after":"2025-01-01T00:00:00Z","cron":"0 15 1 * *","next":["2025-01-01T15:00:00Z"]}"#)
        #expect(throws: CronError.self) {
            try CronReport.next(expression: "*/0 * * * *", after: utc("2025-01-01T00:00"), count: 1, json: false)
        }
    }

    @Test func listShowsEachTriggerAndFlagsInvalidOnes() {
        let (text, valid) = CronReport.list(
            [
                .init(worker: "producer", crons: ["*/30 * * * *", "0 0 * * 0"]),
                .init(worker: "never", crons: ["0 0 30 2 *"]),
            ],
            after: utc("2025-01-01T00:00"), count: 2, json: false)
        #expect(!valid)
        #expect(
            text.split(separator: "\n").map(String.init) == [
                #"producer  "*/30 * * * *""#, "  2025-01-01T00:30:00Z", "  2025-01-01T01:00:00Z",
                #"producer  "0 0 * * 0""#,
                #"  error: Invalid cron expression "0 0 * * 0": day of week field: 0 is not a day of week in "0" "#
                    + "(Cloudflare numbers days 1-7 with 1 = Sunday; write 1 or SUN for Sunday)",
                #"never  "0 0 30 2 *""#, "  (never fires)",
            ])
    }

    @Test func formatsAndParsesTimes() {
        #expect(CronFormatting.iso8601(utc("2024-02-29T23:59")) == "2024-02-29T23:59:00Z")
        #expect(CronFormatting.parse("2025-01-01T02:00:00+02:00") == utc("2025-01-01T00:00"))
        #expect(CronFormatting.parse("2025-01-01T00:00:00.500Z") == utc("2025-01-01T00:00").addingTimeInterval(0.5))
        #expect(CronFormatting.parse("2025-01-01") == utc("2025-01-01T00:00"))
        #expect(CronFormatting.parse("1735689600000") == utc("2025-01-01T00:00"))
        #expect(CronFormatting.parse("yesterday") == nil)
        #expect(CronFormatting.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}
