/// A queue binding error carrying Cloudflare's exact message (e.g.
/// `Queue send failed: message length of 131073 bytes exceeds limit of 128000`).
public struct QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error kind.
    public struct Code: Hashable, Sendable {
        let name: String
        /// A JavaScript `TypeError` raised by the binding before any I/O.
        public static let typeError = Code(name: "TypeError")
        /// A JavaScript `RangeError`.
        public static let rangeError = Code(name: "RangeError")
        /// The broker refused the send (size, count, delay).
        public static let sendFailed = Code(name: "sendFailed")
        /// A configuration problem (unknown queue, consumer cycle).
        public static let configuration = Code(name: "configuration")
    }

    /// The error kind.
    public var code: Code
    /// Cloudflare's message, exactly.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message, prefixed with `TypeError: ` or `RangeError: ` for those kinds as JavaScript prints it.
    public var description: String {
        switch code {
        case .typeError: return "TypeError: \(message)"
        case .rangeError: return "RangeError: \(message)"
        default: return message
        }
    }
}
