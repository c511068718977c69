import Foundation

/// One row with its column names, in order.
public struct D1Row: Sendable, Hashable {
    /// The column names (duplicates kept).
    public let columns: [String]
    /// The values, in column order.
    public let values: [D1Value]

    /// Creates a row.
    public init(columns: [String], values: [D1Value]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column`; with duplicate names the last wins, as when JavaScript zips rows into objects.
    public subscript(column: String) -> D1Value? {
        guard let index = columns.lastIndex(of: column), index < values.count else { return nil }
        return values[index]
    }

    /// The row as a JSON object (the shape `all()` returns in JavaScript).
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [:]
        for (column, value) in zip(columns, values) { object[column] = value.jsonValue }
        return .object(object)
    }

    /// The row decoded into `T` by column name.
    /// - Throws: `DecodingError` when the row does not fit `T`.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try jsonValue.decode(as: T.self)
    }
}
