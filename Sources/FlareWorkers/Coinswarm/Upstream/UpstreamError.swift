/// An upstream response the workers cannot use: a bad status, or a body of the wrong shape.
struct UpstreamError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
