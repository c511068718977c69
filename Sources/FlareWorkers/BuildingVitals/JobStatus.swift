import FlareWorkerAPI

/// A queued job's status, with the transitions the reconciled contract allows (§3.5, §9.12).
///
/// `queued → processing → completed | failed | retrying | cancelled`; `retrying → processing`;
/// `completed`, `failed` and `cancelled` are final, so a cancelled job is never overwritten.
public enum JobStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Waiting for the consumer.
    case queued
    /// Being fetched; `progress` moves.
    case processing
    /// Done; the result is in R2.
    case completed
    /// Gave up after the retries (or could not be queued).
    case failed
    /// Failed an attempt; redelivery is scheduled.
    case retrying
    /// Cancelled by `DELETE /api/jobs/{id}`.
    case cancelled

    /// Whether no further transition is allowed.
    public var isFinal: Bool {
        self == .completed || self == .failed || self == .cancelled
    }

    /// Whether the job still counts as active in `/api/stats` (`retrying` included, fixing §9.19).
    public var isActive: Bool { !isFinal }

    /// Whether a job may move from this status to `next` (staying `processing` updates progress).
    public func canTransition(to next: JobStatus) -> Bool {
        switch (self, next) {
        case (.queued, .processing), (.queued, .cancelled), (.queued, .failed): return true
        case (.processing, .processing), (.processing, .completed), (.processing, .failed),
            (.processing, .retrying), (.processing, .cancelled):
            return true
        case (.retrying, .processing), (.retrying, .cancelled), (.retrying, .failed): return true
        default: return false
        }
    }

    /// The statuses that may move to `next`, for SQL guards (`WHERE status IN (...)`).
    public static func predecessors(of next: JobStatus) -> [JobStatus] {
        allCases.filter { $0.canTransition(to: next) }
    }

    /// `'a', 'b'` for an SQL `IN` list (the values are fixed identifiers, never user input).
    static func sqlList(_ statuses: [JobStatus]) -> String {
        statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// The human message of `_getJobMessage` (§4.6).
    public func message(progress: Int, error: String?, retryCount: Int) -> String {
        switch self {
        case .queued: return "Your request is queued and will be processed shortly."
        case .processing: return "Processing... \(progress)% complete."
        case .completed: return "Your data is ready!"
        case .failed: return "Request failed: \(error ?? "Unknown error")"
        case .retrying: return "Retrying... (attempt \(retryCount))"
        case .cancelled: return "Request was cancelled."
        }
    }
}
