import Foundation
import HTTPTypes

extension R2Conditional {
    /// A conditional from request headers (`If-Match`, `If-None-Match`, `If-Modified-Since`,
    /// `If-Unmodified-Since`), as `get(key, {onlyIf: request.headers})` builds it: ETag lists may
    /// hold weak ETags and `*`, and times compare at one-second granularity.
    ///
    /// ```swift
    /// let result = try await bucket.get(key, options: .init(onlyIf: R2Conditional(headers: request.headerFields)))
    /// ```
    public init(headers: HTTPFields) {
        self.init(
            etagMatches: headers[.ifMatch], etagDoesNotMatch: headers[.ifNoneMatch],
            uploadedBefore: headers[.ifUnmodifiedSince].flatMap(Self.parseHTTPDate),
            uploadedAfter: headers[.ifModifiedSince].flatMap(Self.parseHTTPDate), secondsGranularity: true)
        fromHeaders = true
    }

    /// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`); `nil` when it is not one.
    public static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }
}
