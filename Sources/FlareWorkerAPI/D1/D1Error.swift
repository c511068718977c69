import Foundation

/// A D1 error carrying D1's exact message, e.g.
/// `D1_ERROR: no such table: missing: SQLITE_ERROR` or `D1_TYPE_ERROR: Type 'object' not supported for value '[object Object]'`.
public struct D1Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The full message, as `error.message` in a worker.
    public var message: String
    /// The underlying cause's message (`error.cause.message`), when there is one.
    public var causeMessage: String?

    /// Creates an error.
    public init(message: String, causeMessage: String? = nil) {
        self.message = message
        self.causeMessage = causeMessage
    }

    /// `D1_COLUMN_NOTFOUND: Column not found (<column>)`.
    public static func columnNotFound(_ column: String) -> D1Error {
        D1Error(message: "D1_COLUMN_NOTFOUND: Column not found (\(column))", causeMessage: "Column not found")
    }

    /// The message.
    public var description: String { message }
}

extension D1Value {
    /// Converts a dynamically typed value as JavaScript's `bind` does.
    /// - Throws: `D1Error` (`D1_TYPE_ERROR`) for a type D1 cannot bind.
    public init(dynamic value: (any Sendable)?) throws {
        guard let value else {
            self = .null
            return
        }
        if let convertible = value as? any D1ValueConvertible {
            self = convertible.d1Value
            return
        }
        let typeName: String
        switch value {
        case is [Any], is [String: Any]: typeName = "object"
        default: typeName = String(describing: type(of: value))
        }
        let text = value is [String: Any] ? "[object Object]" : String(describing: value)
        throw D1Error(message: "D1_TYPE_ERROR: Type '\(typeName)' not supported for value '\(text)'")
    }
}
