import Foundation

/// A SQLite value as D1 binds and returns it.
public enum D1Value: Sendable, Hashable {
    /// NULL.
    case null
    /// INTEGER, kept as 64 bits (no JavaScript precision loss).
    case integer(Int64)
    /// REAL.
    case real(Double)
    /// TEXT.
    case text(String)
    /// BLOB.
    case blob(Data)

    /// The value as JSON: blobs become arrays of byte numbers, as D1 returns them.
    public var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case .integer(let value): return .int(value)
        case .real(let value): return .double(value)
        case .text(let value): return .string(value)
        case .blob(let data): return .array(data.map { .int(Int64($0)) })
        }
    }

    /// The integer payload (a REAL that is integral converts), or `nil`.
    public var int64Value: Int64? {
        switch self {
        case .integer(let value): return value
        case .real(let value): return Int64(exactly: value)
        default: return nil
        }
    }

    /// The numeric payload as a `Double`, or `nil`.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    /// The text payload, or `nil`.
    public var stringValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The blob payload, or `nil`.
    public var dataValue: Data? {
        if case .blob(let value) = self { return value }
        return nil
    }

    /// Whether this is NULL.
    public var isNull: Bool { self == .null }
}

/// A Swift value that binds to a D1 parameter.
public protocol D1ValueConvertible: Sendable {
    /// The value to bind.
    var d1Value: D1Value { get }
}

extension D1Value: D1ValueConvertible {
    /// Itself.
    public var d1Value: D1Value { self }
}

extension Int: D1ValueConvertible {
    /// INTEGER.
    public var d1Value: D1Value { .integer(Int64(self)) }
}

extension Int64: D1ValueConvertible {
    /// INTEGER.
    public var d1Value: D1Value { .integer(self) }
}

extension Int32: D1ValueConvertible {
    /// INTEGER.
    public var d1Value: D1Value { .integer(Int64(self)) }
}

extension Double: D1ValueConvertible {
    /// REAL.
    public var d1Value: D1Value { .real(self) }
}

extension Float: D1ValueConvertible {
    /// REAL.
    public var d1Value: D1Value { .real(Double(self)) }
}

extension String: D1ValueConvertible {
    /// TEXT.
    public var d1Value: D1Value { .text(self) }
}

extension Substring: D1ValueConvertible {
    /// TEXT.
    public var d1Value: D1Value { .text(String(self)) }
}

extension Bool: D1ValueConvertible {
    /// 1 or 0, as D1 stores JavaScript booleans.
    public var d1Value: D1Value { .integer(self ? 1 : 0) }
}

extension Data: D1ValueConvertible {
    /// BLOB.
    public var d1Value: D1Value { .blob(self) }
}

extension Array: D1ValueConvertible where Element == UInt8 {
    /// BLOB.
    public var d1Value: D1Value { .blob(Data(self)) }
}

extension Optional: D1ValueConvertible where Wrapped: D1ValueConvertible {
    /// The wrapped value, or NULL.
    public var d1Value: D1Value { self?.d1Value ?? .null }
}
