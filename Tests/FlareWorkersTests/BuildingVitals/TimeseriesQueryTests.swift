import Foundation
import Testing

@testable import FlareWorkers

struct TimeseriesQueryTests {
    func parse(_ items: [String: String]) throws -> TimeseriesQuery {
        try TimeseriesQuery.parse { items[$0] }
    }

    let valid = [
        "site": "s1", "points": "p1,p2", "start_time": "2025-01-01T00:00:00Z", "end_time": "2025-01-02T00:00:00Z",
    ]

    @Test func acceptsAValidQuery() throws {
        let query = try parse(valid)
        #expect(query.points == ["p1", "p2"])
        #expect(query.routeOverride == nil)
        #expect(query.startTime == "2025-01-01T00:00:00Z")
    }

    @Test func missingParameterIsTheOriginalMessage() {
        var items = valid
        items["site"] = nil
        #expect(throws: VitalsValidationError("Missing required parameters: site, points, start_time, end_time")) {
            try parse(items)
        }
    }

    @Test func emptyPointsAreRejected() {
        for points in [",", " , ", ",,"] {
            var items = valid
            items["points"] = points
            #expect(throws: VitalsValidationError.emptyPoints) { try parse(items) }
        }
    }

    @Test func pointsAreTrimmedAndEmptyNamesDropped() throws {
        var items = valid
        items["points"] = " p1 ,,p2 "
        #expect(try parse(items).points == ["p1", "p2"])
    }

    @Test func badDatesAreRejected() {
        var items = valid
        items["start_time"] = "yesterday"
        #expect(throws: VitalsValidationError.invalidDate("start_time", "yesterday")) { try parse(items) }
        items = valid
        items["end_time"] = "2025-13-45T99:00:00Z"
        #expect(throws: VitalsValidationError.invalidDate("end_time", "2025-13-45T99:00:00Z")) { try parse(items) }
    }

    @Test func endBeforeStartIsRejected() {
        var items = valid
        items["end_time"] = "2024-12-31T00:00:00Z"
        #expect(throws: VitalsValidationError.endBeforeStart) { try parse(items) }
    }

    @Test func unknownRouteIsA400NotA500() {
        var items = valid
        items["route"] = "teleport"
        #expect(throws: VitalsValidationError.unknownRoute("teleport")) { try parse(items) }
    }

    @Test func knownRoutesAndDateForms() throws {
        var items = valid
        items["route"] = "cached"
        items["start_time"] = "2025-01-01T23:30:00-05:00"
        items["end_time"] = "2025-01-03T00:00:00.500Z"
        let query = try parse(items)
        #expect(query.routeOverride == .cached)
        #expect(query.start == ISODate.parse("2025-01-02T04:30:00Z"))
        #expect(ISODate.parse("2025-01-01") == ISODate.parse("2025-01-01T00:00:00Z"))
        #expect(ISODate.milliseconds(query.end) == 1_735_862_400_500)
    }
}
