/// Which runtime events a log stream passes on: one worker (or all) at or above a level, as the
/// inspector's log filters and `GET /cdn-cgi/local/api/logs?worker=&level=` choose them.
public struct EventFilter: Sendable, Equatable {
    /// The levels from least to most severe, as swift-log names them.
    public static let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Only this worker's events, or every worker's when `nil`.
    public var worker: String?
    /// The least severe level passed on, or every level when `nil`.
    public var minimumLevel: String?

    /// Creates a filter; an empty worker or level means "any".
    public init(worker: String? = nil, minimumLevel: String? = nil) {
        self.worker = worker?.isEmpty == true ? nil : worker
        self.minimumLevel = minimumLevel?.isEmpty == true ? nil : minimumLevel?.lowercased()
    }

    /// The filter a query string's `worker` and `level` describe.
    public init(query: [String: String]) {
        self.init(worker: query["worker"], minimumLevel: query["level"])
    }

    /// An event's level: its own for log lines; `error` for a failed invocation; otherwise `info`.
    public static func level(of event: RuntimeEvent) -> String {
        if let level = event.level { return level }
        if event.outcome == "exception" || event.outcome.hasPrefix("5") { return "error" }
        return "info"
    }

    /// Whether `event` passes.
    public func matches(_ event: RuntimeEvent) -> Bool {
        if let worker, event.worker != worker { return false }
        guard let minimumLevel, let floor = Self.levels.firstIndex(of: minimumLevel) else { return true }
        return (Self.levels.firstIndex(of: Self.level(of: event)) ?? 0) >= floor
    }
}
