import FlareWorkerAPI
import Foundation

/// Samples grouped by point: `{"<point>": {"samples": [{"time", "value"}], "error": null, "count": n}}`.
///
/// Every requested point has an entry, empty when ACE had no data for it (§9.21). Numeric string
/// values from ACE become JSON numbers; anything else stays a string.
public struct TimeseriesData: Sendable, Hashable {
    /// One sample.
    public struct Sample: Sendable, Hashable {
        /// The ISO timestamp as ACE gave it.
        public var time: String
        /// The value: a number when ACE's string parses as one.
        public var value: JSONValue
    }

    /// Samples per point, in arrival (time) order.
    public private(set) var samples: [String: [Sample]]

    /// An entry for each of `points`, all empty.
    public init(points: [String]) {
        samples = Dictionary(points.map { ($0, []) }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds a sample if its point was requested; returns whether it was kept.
    @discardableResult
    public mutating func add(point: String, time: String, value: String) -> Bool {
        guard samples[point] != nil else { return false }
        samples[point]?.append(Sample(time: time, value: Self.number(value)))
        return true
    }

    /// The total number of samples.
    public var sampleCount: Int {
        samples.values.reduce(0) { $0 + $1.count }
    }

    /// The JSON value, keys sorted.
    public var jsonValue: JSONValue {
        .object(
            samples.mapValues { list in
                .object([
                    "samples": .array(list.map { .object(["time": .string($0.time), "value": $0.value]) }),
                    "error": .null,
                    "count": .int(Int64(list.count)),
                ])
            }
        )
    }

    /// The compact JSON bytes (the bytes the cache stores).
    public func encoded() -> Data { jsonValue.jsonData() }

    /// `"72"` → 72, `"72.5"` → 72.5, other text unchanged.
    static func number(_ text: String) -> JSONValue {
        if let integer = Int64(text) { return .int(integer) }
        if let double = Double(text), double.isFinite, text.first != "." || text.count > 1 {
            return .double(double)
        }
        return .string(text)
    }
}
