/// Why one element of a message body is not a valid ``PricePoint``.
struct PointValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
