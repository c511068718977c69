import Foundation
import Testing

@testable import FlareS3

/// The arithmetic date formats agree with `DateFormatter` (UTC), across leap years and eras.
struct S3DatesTests {
    static func formatted(_ date: Date, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }

    static let samples: [Double] = [
        0, 1_369_353_600, 951_782_400, 951_868_799.999, 1_709_164_800.5, 4_107_542_399, 1_750_000_000.123,
        -86_400, 253_402_300_799,
    ]

    @Test func formatsMatchDateFormatter() {
        for seconds in Self.samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(S3Dates.http(date) == Self.formatted(date, "EEE, dd MMM yyyy HH:mm:ss 'GMT'"))
            #expect(S3Dates.amz(date) == Self.formatted(date, "yyyyMMdd'T'HHmmss'Z'"))
            #expect(S3Dates.iso(date) == Self.formatted(date, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"))
        }
    }

    @Test func parsesTheSignatureFormatBack() {
        for seconds in Self.samples {
            let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
            #expect(S3Dates.parseAmz(S3Dates.amz(whole)) == whole)
        }
        #expect(S3Dates.parseAmz("20130524T000000Z") == Date(timeIntervalSince1970: 1_369_353_600))
        #expect(S3Dates.parseAmz("2013-05-24T00:00:00Z") == nil)
        #expect(S3Dates.parseAmz("20131324T000000Z") == nil)
    }
}
