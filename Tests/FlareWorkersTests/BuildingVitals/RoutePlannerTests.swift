import Foundation
import Testing

@testable import FlareWorkers

struct RoutePlannerTests {
    let planner = RoutePlanner()

    func date(_ text: String) -> Date { ISODate.parse(text)! }

    @Test func estimatesMatchTheSpecExamples() {
        let day = (date("2025-01-01T00:00:00Z"), date("2025-01-02T00:00:00Z"))
        #expect(planner.estimate(pointCount: 1, start: day.0, end: day.1) == 100)
        #expect(planner.estimate(pointCount: 9, start: day.0, end: day.1) == 900)
        #expect(planner.estimate(pointCount: 10, start: day.0, end: day.1) == 1000)
        #expect(planner.estimate(pointCount: 3, start: day.0, end: date("2025-01-15T00:00:00Z")) == 4200)
        #expect(
            planner.estimate(pointCount: 10, start: date("2024-01-01T00:00:00Z"), end: date("2024-01-31T23:59:59Z"))
                == 31000)
        #expect(
            planner.estimate(pointCount: 50, start: date("2025-01-01T00:00:00Z"), end: date("2025-12-31T00:00:00Z"))
                == 1_820_000)
    }

    @Test func routesAtTheBoundaries() {
        #expect(planner.route(estimate: 0, override: nil) == .direct)
        #expect(planner.route(estimate: 999, override: nil) == .direct)
        #expect(planner.route(estimate: 1000, override: nil) == .cached)
        #expect(planner.route(estimate: 99_999, override: nil) == .cached)
        #expect(planner.route(estimate: 100_000, override: nil) == .queued)
        #expect(planner.route(estimate: 1_820_000, override: nil) == .queued)
    }

    @Test func overrideWins() {
        #expect(planner.route(estimate: 5, override: .queued) == .queued)
        #expect(planner.route(estimate: 5_000_000, override: .direct) == .direct)
        #expect(planner.route(estimate: 100, override: .cached) == .cached)
    }

    @Test func fractionalDaysCount() {
        let start = date("2025-01-01T00:00:00Z")
        #expect(planner.estimate(pointCount: 2, start: start, end: date("2025-01-01T12:00:00Z")) == 100)
    }
}
