import FlareWorkerAPI
import Foundation

/// The `0 2 * * *` cron: cache cleanup, job archiving and analytics pruning. Each step runs even when
/// an earlier one failed (the original aborted the rest).
public struct DailyMaintenance: Sendable {
    /// What one run did.
    public struct Report: Sendable, Hashable {
        /// Cache entries deleted.
        public var cacheEntriesDeleted = 0
        /// Jobs moved to `job_history`.
        public var jobsArchived = 0
        /// `request_analytics` rows deleted.
        public var analyticsPruned = 0
        /// Steps that failed, with their errors.
        public var errors: [String] = []
    }

    /// Cache entries older than this are deleted (24 h).
    public static let cacheMaxAge = 86_400
    /// Final jobs created longer ago than this are archived (7 days).
    public static let jobRetention: TimeInterval = 7 * 86_400
    /// Analytics older than this are deleted (30 days).
    public static let analyticsRetention: TimeInterval = 30 * 86_400

    /// The worker's bindings and settings.
    public let env: VitalsEnvironment

    /// Creates the task.
    public init(env: VitalsEnvironment) {
        self.env = env
    }

    /// Runs every step at `now`.
    public func run(now: Date) async -> Report {
        var report = Report()
        do {
            report.cacheEntriesDeleted = try await env.cache?.cleanup(maxAge: Self.cacheMaxAge) ?? 0
        } catch {
            report.errors.append("cache cleanup: \(error)")
        }
        do {
            report.jobsArchived =
                try await env.jobs?.archive(createdBefore: now.addingTimeInterval(-Self.jobRetention), now: now) ?? 0
        } catch {
            report.errors.append("job archive: \(error)")
        }
        do {
            report.analyticsPruned =
                try await env.requestLog?.prune(before: now.addingTimeInterval(-Self.analyticsRetention)) ?? 0
        } catch {
            report.errors.append("analytics prune: \(error)")
        }
        for problem in report.errors { env.logger.error("[Cron] \(problem)") }
        env.logger.info(
            "[Cron] Deleted \(report.cacheEntriesDeleted) cache entries, archived \(report.jobsArchived) jobs"
        )
        return report
    }
}
