import FlareWorkerAPI
import Foundation

/// The smart router: estimates a request's size and picks its route.
///
/// The estimate is `points × days × 100` (about 100 samples per point per day), days being
/// fractional. Below ``smallThreshold`` a request goes direct, below ``largeThreshold`` through the
/// cache, and anything larger is queued. An explicit `route=` override wins.
///
/// ```swift
/// let planner = RoutePlanner()
/// planner.route(estimate: planner.estimate(pointCount: 10, start: a, end: b), override: nil)
/// ```
public struct RoutePlanner: Sendable, Hashable {
    /// Estimates below this are served direct (default 1,000).
    public var smallThreshold: Int
    /// Estimates below this (and at least ``smallThreshold``) are served cached (default 100,000).
    public var largeThreshold: Int

    /// Creates a planner with the documented thresholds unless told otherwise.
    public init(smallThreshold: Int = 1000, largeThreshold: Int = 100_000) {
        self.smallThreshold = smallThreshold
        self.largeThreshold = largeThreshold
    }

    /// `round(pointCount × days × 100)`; JavaScript's `Math.round` for the positive values validation lets through.
    public func estimate(pointCount: Int, start: Date, end: Date) -> Int {
        let days = end.timeIntervalSince(start) / 86_400
        return Int((Double(pointCount) * days * 100).rounded(.toNearestOrAwayFromZero))
    }

    /// The route for `estimate`, or `override` when one was given.
    public func route(estimate: Int, override: RouteType?) -> RouteType {
        if let override { return override }
        if estimate < smallThreshold { return .direct }
        if estimate < largeThreshold { return .cached }
        return .queued
    }
}
