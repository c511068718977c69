/// An R2 binding error with R2's exact message, as workers see it:
/// `<action>: <message> (<code>)`, e.g. `put: Your metadata headers exceed the maximum allowed metadata size. (10012)`.
public struct R2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// R2's numeric error code (10001 ...), or 0 for a JavaScript `TypeError`/`RangeError` thrown before I/O.
    public var code: Int
    /// The full message.
    public var message: String

    /// Creates an error.
    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// An R2 API error: `<action>: <message> (<code>)`.
    public static func api(action: String, message: String, code: Int) -> R2Error {
        R2Error(code: code, message: "\(action): \(message) (\(code))")
    }

    /// `Body has already been used. ...`
    public static let bodyUsed = R2Error(
        code: 0,
        message:
            "TypeError: Body has already been used. It can only be used once. Use tee() first if you need to read it twice."
    )

    /// The message.
    public var description: String { message }
}
