import Foundation
import HTTPTypes

extension R2Object {
    /// Sets Content-Type, Content-Language, Content-Disposition, Content-Encoding, Cache-Control
    /// and Expires from ``httpMetadata``, as `object.writeHttpMetadata(headers)` does.
    /// - Throws: `TypeError: HTTP metadata unknown for key ...` when a `list` did not include it.
    public func writeHttpMetadata(to headers: inout HTTPFields) throws {
        guard let metadata = httpMetadata else {
            throw R2Error(
                code: 0,
                message:
                    "TypeError: HTTP metadata unknown for key `\(key)`. Did you forget to add 'httpMetadata' to "
                    + "`include` when listing?")
        }
        if let value = metadata.contentType { headers[.contentType] = value }
        if let value = metadata.contentLanguage { headers[.contentLanguage] = value }
        if let value = metadata.contentDisposition { headers[.contentDisposition] = value }
        if let value = metadata.contentEncoding { headers[.contentEncoding] = value }
        if let value = metadata.cacheControl { headers[.cacheControl] = value }
        if let expiry = metadata.cacheExpiry {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            headers[.expires] = formatter.string(from: expiry)
        }
    }
}
