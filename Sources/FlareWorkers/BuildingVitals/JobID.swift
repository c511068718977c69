import FlareWorkerAPI
import Foundation

/// Job ids: `job_<first 16 hex digits of the request's SHA-256>_<milliseconds>`.
///
/// The hash part names the request (``RequestFingerprint``), the time part makes each job unique;
/// repeat requests find their job through `request_hash`, not by id (§9.9).
public enum JobID {
    /// A new id for `fingerprint` created at `now`.
    public static func make(_ fingerprint: RequestFingerprint, now: Date) -> String {
        "job_\(fingerprint.sha256.prefix(16))_\(ISODate.milliseconds(now))"
    }

    /// Whether `text` has the shape ``make(_:now:)`` produces.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "job", parts[1].count == 16, !parts[2].isEmpty else { return false }
        return parts[1].allSatisfy { "0123456789abcdef".contains($0) } && parts[2].allSatisfy(\.isNumber)
    }

    /// A request id, `req_<milliseconds>_<9 base-36 characters>`.
    public static func requestID(now: Date) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        let suffix = String((0..<9).map { _ in alphabet.randomElement()! })
        return "req_\(ISODate.milliseconds(now))_\(suffix)"
    }
}
