import Foundation

/// The date formats of S3: ISO 8601 with milliseconds in XML, RFC 1123 in headers, and
/// Signature V4's basic format.
enum S3Dates {
    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    /// `2024-01-02T03:04:05.678Z`.
    static func iso(_ date: Date) -> String {
        formatter("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").string(from: date)
    }

    /// `Tue, 02 Jan 2024 03:04:05 GMT`.
    static func http(_ date: Date) -> String {
        formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'").string(from: date)
    }

    /// `20240102T030405Z`.
    static func amz(_ date: Date) -> String {
        formatter("yyyyMMdd'T'HHmmss'Z'").string(from: date)
    }

    /// Parses an RFC 1123 date (`GMT` or `UTC`); `nil` otherwise.
    static func parseHTTP(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm:ss 'GMT'"] {
            if let date = formatter(format).date(from: trimmed) { return date }
        }
        return nil
    }
}
