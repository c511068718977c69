import FlareWorkerAPI

/// A request the API rejects with 400; ``message`` is the `error` member of the JSON body.
public struct VitalsValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message shown to the client.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The original worker's message for a missing parameter.
    public static let missingParameters = VitalsValidationError(
        "Missing required parameters: site, points, start_time, end_time"
    )
    /// `points=` named no point (the original accepted `['']`).
    public static let emptyPoints = VitalsValidationError("Parameter points must name at least one point")
    /// The end lies before the start.
    public static let endBeforeStart = VitalsValidationError("end_time must not be before start_time")

    /// A date parameter that is not ISO 8601.
    public static func invalidDate(_ name: String, _ value: String) -> VitalsValidationError {
        VitalsValidationError("Invalid \(name): \"\(value)\" is not an ISO 8601 date-time")
    }

    /// A `route=` value other than direct, cached or queued.
    public static func unknownRoute(_ value: String) -> VitalsValidationError {
        VitalsValidationError("Unknown route type: \(value) (expected direct, cached or queued)")
    }

    /// The message.
    public var description: String { message }
}
