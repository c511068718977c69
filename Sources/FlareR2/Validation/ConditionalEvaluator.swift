import FlareWorkerAPI
import Foundation

/// R2's `onlyIf` semantics (§3.4, RFC 7232 style).
enum ConditionalEvaluator {
    enum ETag: Equatable {
        case wildcard
        case strong(String)
        case weak(String)
    }

    /// The ETags of one condition.
    static func etags(_ value: String, fromHeaders: Bool) -> [ETag] {
        guard fromHeaders else { return [value == "*" ? .wildcard : .strong(value)] }
        return value.split(separator: ",").compactMap { part -> ETag? in
            var item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { return nil }
            if item == "*" { return .wildcard }
            var weak = false
            if item.hasPrefix("W/") {
                weak = true
                item.removeFirst(2)
            }
            if item.count >= 2 && item.hasPrefix("\"") && item.hasSuffix("\"") {
                item = String(item.dropFirst().dropLast())
            }
            return weak ? .weak(item) : .strong(item)
        }
    }

    /// Whether the condition holds for the object (`nil` when missing).
    static func passes(_ conditional: R2Conditional?, etag: String?, uploadedMilliseconds: Int64?) -> Bool {
        guard let conditional else { return true }
        guard let etag, let uploadedMilliseconds else {
            return conditional.etagMatches == nil && conditional.uploadedAfter == nil
        }
        let matches = conditional.etagMatches.map { value in
            etags(value, fromHeaders: conditional.fromHeaders).contains { candidate in
                switch candidate {
                case .wildcard: return true
                case .strong(let tag): return tag == etag
                case .weak: return false
                }
            }
        }
        let doesNotMatch = conditional.etagDoesNotMatch.map { value in
            !etags(value, fromHeaders: conditional.fromHeaders).contains { candidate in
                switch candidate {
                case .wildcard: return true
                case .strong(let tag), .weak(let tag): return tag == etag
                }
            }
        }
        let granular = { (ms: Int64) -> Int64 in
            conditional.secondsGranularity ? ms / 1000 : ms
        }
        let uploaded = granular(uploadedMilliseconds)
        let after = conditional.uploadedAfter.map { date in
            granular(milliseconds(date)) < uploaded || doesNotMatch == true
        }
        let before = conditional.uploadedBefore.map { date in
            uploaded < granular(milliseconds(date)) || matches == true
        }
        return matches != false && doesNotMatch != false && after != false && before != false
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
