/// A cron error: an invalid expression (naming the field and the bad token) or a scheduler problem.
///
/// ```
/// Invalid cron expression "*/0 * * * *": minute field: step 0 is not allowed in "*/0"
/// ```
///
/// Wrangler itself does not validate cron expressions (Cloudflare's API rejects bad ones at deploy with
/// `invalid cron string [code: 10100]`); swiftflare reports them as a diagnostic at config load.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error kind.
    public struct Code: Hashable, Sendable {
        let name: String
        /// The expression does not parse.
        public static let invalidExpression = Code(name: "invalidExpression")
        /// The scheduler's state file could not be read or written.
        public static let persistence = Code(name: "persistence")
    }

    /// The error kind.
    public var code: Code
    /// The full message.
    public var message: String
    /// The expression, as given.
    public var expression: String?
    /// The field at fault (`minute`, `hour`, `day of month`, `month`, `day of week`), if any.
    public var field: String?
    /// The offending token, if any.
    public var token: String?

    /// Creates an error.
    public init(code: Code, message: String, expression: String? = nil, field: String? = nil, token: String? = nil) {
        self.code = code
        self.message = message
        self.expression = expression
        self.field = field
        self.token = token
    }

    /// An invalid-expression error: `Invalid cron expression "<expr>": <field> field: <reason>`.
    static func invalid(_ expression: String, field: String?, token: String?, reason: String) -> CronError {
        let prefix = "Invalid cron expression \"\(expression)\": "
        let message = field.map { "\(prefix)\($0) field: \(reason)" } ?? prefix + reason
        return CronError(
            code: .invalidExpression, message: message, expression: expression, field: field, token: token)
    }

    /// The message.
    public var description: String { message }
}
