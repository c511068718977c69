import FlareWorkerAPI
import Foundation

/// A validated `GET /api/timeseries` request (fixes §9.22: dates, empty points and unknown routes
/// are rejected with a 400 instead of a 500).
public struct TimeseriesQuery: Sendable, Hashable {
    /// The ACE site name.
    public var site: String
    /// The requested point names, trimmed, empty names dropped, in request order.
    public var points: [String]
    /// `start_time` exactly as given (forwarded to ACE unchanged).
    public var startTime: String
    /// `end_time` exactly as given.
    public var endTime: String
    /// The parsed start.
    public var start: Date
    /// The parsed end.
    public var end: Date
    /// `user_id`, if any.
    public var userId: String?
    /// The `route=` override, if any.
    public var routeOverride: RouteType?

    /// Creates a query from already validated parts.
    public init(
        site: String, points: [String], startTime: String, endTime: String, start: Date, end: Date,
        userId: String? = nil, routeOverride: RouteType? = nil
    ) {
        self.site = site
        self.points = points
        self.startTime = startTime
        self.endTime = endTime
        self.start = start
        self.end = end
        self.userId = userId
        self.routeOverride = routeOverride
    }

    /// Validates query parameters.
    /// - Parameter value: the value of a parameter by name, or `nil` when absent.
    /// - Throws: ``VitalsValidationError`` with the message the API answers with a 400.
    public static func parse(_ value: (String) -> String?) throws -> TimeseriesQuery {
        func present(_ name: String) -> String? {
            guard let text = value(name), !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return text
        }
        guard let site = present("site"), let pointsText = present("points"),
            let startTime = present("start_time"), let endTime = present("end_time")
        else {
            throw VitalsValidationError.missingParameters
        }
        let points = pointsText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !points.isEmpty else { throw VitalsValidationError.emptyPoints }
        guard let start = ISODate.parse(startTime) else {
            throw VitalsValidationError.invalidDate("start_time", startTime)
        }
        guard let end = ISODate.parse(endTime) else { throw VitalsValidationError.invalidDate("end_time", endTime) }
        guard end >= start else { throw VitalsValidationError.endBeforeStart }
        var routeOverride: RouteType?
        if let route = present("route") {
            guard let parsed = RouteType(rawValue: route) else { throw VitalsValidationError.unknownRoute(route) }
            routeOverride = parsed
        }
        return TimeseriesQuery(
            site: site, points: points, startTime: startTime, endTime: endTime, start: start, end: end,
            userId: present("user_id"), routeOverride: routeOverride
        )
    }
}
