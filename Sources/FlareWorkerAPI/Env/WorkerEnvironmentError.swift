/// A worker asked `env` for a binding it does not have, or of another kind.
public struct WorkerEnvironmentError: Error, Sendable, CustomStringConvertible {
    /// The message, naming the binding.
    public let message: String

    /// There is no binding called `name`.
    public static func missing(name: String, expected: String, available: [String]) -> WorkerEnvironmentError {
        let list = available.isEmpty ? "none" : available.joined(separator: ", ")
        return WorkerEnvironmentError(
            message: "No \(expected) binding named \"\(name)\" in env (bindings: \(list))"
        )
    }

    /// The binding `name` exists but is not of the expected kind.
    public static func wrongKind(name: String, expected: String, actual: WorkerBinding) -> WorkerEnvironmentError {
        WorkerEnvironmentError(
            message: "Binding \"\(name)\" is a \(actual.kindName), not a \(expected)"
        )
    }

    /// The message.
    public var description: String { message }
}
