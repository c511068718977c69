import Foundation
import Testing

@testable import FlareWorkers

struct CacheKeyTests {
    func key(_ site: String, _ points: [String], _ start: String, _ end: String) -> String {
        CacheKey.make(
            RequestFingerprint(site: site, points: points, start: ISODate.parse(start)!, end: ISODate.parse(end)!))
    }

    @Test func hasTheDocumentedShape() {
        let made = key("site1", ["point2", "point1"], "2025-01-01T00:00:00Z", "2025-01-31T23:59:59Z")
        #expect(made.hasPrefix("timeseries/site1/2025-01-01_2025-01-31/"))
        #expect(made.hasSuffix(".json"))
        #expect(CacheKey.isValid(made))
        #expect(made.split(separator: "/").last!.dropLast(5).count == 64)
    }

    @Test func pointOrderAndDuplicatesDoNotMatter() {
        let a = key("s", ["a", "b", "c"], "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")
        #expect(a == key("s", ["c", "a", "b", "a"], "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"))
    }

    @Test func sameInstantInAnotherNotationSharesTheKey() {
        #expect(
            key("s", ["a"], "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")
                == key("s", ["a"], "2025-01-01T00:00:00.000Z", "2025-01-01T19:00:00-05:00")
        )
    }

    /// §9.16: the original kept only the date, so these two shared a key and served wrong data.
    @Test func timeOfDayRangesOnTheSameDatesDoNotCollide() {
        let morning = key("s", ["a"], "2025-01-01T00:00:00Z", "2025-01-01T06:00:00Z")
        let day = key("s", ["a"], "2025-01-01T00:00:00Z", "2025-01-01T23:59:00Z")
        #expect(morning != day)
        #expect(morning.hasPrefix("timeseries/s/2025-01-01_2025-01-01/"))
    }

    @Test func manyRequestsGiveDistinctKeys() {
        var keys = Set<String>()
        for index in 0..<1000 {
            keys.insert(key("site", ["p\(index)", "q"], "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"))
        }
        #expect(keys.count == 1000)
    }

    @Test func siteNamesAreSanitisedButStillDistinguished() {
        let traversal = key("../etc//passwd", ["a"], "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")
        #expect(traversal.hasPrefix("timeseries/___etc__passwd/"))
        #expect(!traversal.contains(".."))
        #expect(CacheKey.isValid(traversal))
        // Sanitisation maps both to `a_b`, the hash keeps them apart.
        #expect(
            key("a/b", ["p"], "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")
                != key("a.b", ["p"], "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")
        )
        #expect(CacheKey.sanitizedSite("") == "_")
        #expect(CacheKey.sanitizedSite(String(repeating: "x", count: 100)).count == 64)
    }

    @Test func rejectsForeignKeys() {
        #expect(!CacheKey.isValid("timeseries/site1/2025-01-01_2025-01-31/oqvf1v.json"))
        #expect(!CacheKey.isValid("timeseries/../x/2025-01-01_2025-01-31/\(String(repeating: "a", count: 64)).json"))
        #expect(!CacheKey.isValid("dlq/failures/job.json"))
    }
}
