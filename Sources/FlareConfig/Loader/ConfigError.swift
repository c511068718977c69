/// A config file that cannot be used at all: unreadable, or not valid TOML / JSON.
///
/// Problems inside a well-formed file are not thrown: they are ``Diagnostics``.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config file, as given.
    public var file: String
    /// What went wrong (for TOML, the parser's first line).
    public var message: String
    /// The 1-based line of a parse error, when known.
    public var line: Int?
    /// The 1-based column of a parse error, when known.
    public var column: Int?

    /// Creates an error.
    public init(file: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.message = message
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`, as compilers print it.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}
