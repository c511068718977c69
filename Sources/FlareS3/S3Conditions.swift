import Foundation

/// A GET or HEAD's conditional headers, evaluated in RFC 7232's order as S3 does.
struct S3Conditions {
    /// What the conditions decide.
    enum Outcome: Equatable {
        case proceed
        case preconditionFailed
        case notModified
    }

    var ifMatch: String?
    var ifNoneMatch: String?
    var ifModifiedSince: Date?
    var ifUnmodifiedSince: Date?

    init(
        ifMatch: String? = nil, ifNoneMatch: String? = nil, ifModifiedSince: Date? = nil, ifUnmodifiedSince: Date? = nil
    ) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
    }

    init(request: S3Request) {
        self.init(
            ifMatch: request.header("If-Match"), ifNoneMatch: request.header("If-None-Match"),
            ifModifiedSince: request.header("If-Modified-Since").flatMap(S3Dates.parseHTTP),
            ifUnmodifiedSince: request.header("If-Unmodified-Since").flatMap(S3Dates.parseHTTP))
    }

    /// The outcome for an object with `etag` (unquoted) uploaded at `uploaded`; times compare at
    /// one-second granularity, as HTTP dates carry.
    func evaluate(etag: String, uploaded: Date) -> Outcome {
        let seconds = uploaded.timeIntervalSince1970.rounded(.down)
        if let ifMatch {
            if !Self.matches(ifMatch, etag: etag, weak: false) { return .preconditionFailed }
        } else if let ifUnmodifiedSince, seconds > ifUnmodifiedSince.timeIntervalSince1970 {
            return .preconditionFailed
        }
        if let ifNoneMatch {
            if Self.matches(ifNoneMatch, etag: etag, weak: true) { return .notModified }
        } else if let ifModifiedSince, seconds <= ifModifiedSince.timeIntervalSince1970 {
            return .notModified
        }
        return .proceed
    }

    /// Whether an ETag list (`"a", W/"b"`, `*`) names `etag`.
    static func matches(_ list: String, etag: String, weak: Bool) -> Bool {
        for item in list.split(separator: ",") {
            var tag = item.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") {
                guard weak else { continue }
                tag.removeFirst(2)
            }
            if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = String(tag.dropFirst().dropLast()) }
            if tag == etag { return true }
        }
        return false
    }
}
