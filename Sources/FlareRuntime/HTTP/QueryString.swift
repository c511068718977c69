/// Parses `application/x-www-form-urlencoded` query strings as `URLSearchParams` does: `+` is a
/// space, then percent-escapes are decoded.
import Foundation

enum QueryString {
    /// The name/value pairs of a raw query (without `?`), in order.
    static func parse(_ raw: String?) -> [(name: String, value: String)] {
        guard let raw, !raw.isEmpty else { return [] }
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            return (name, value)
        }
    }

    /// The first value of `name`, or `nil`.
    static func value(_ name: String, in raw: String?) -> String? {
        parse(raw).first { $0.name == name }?.value
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
