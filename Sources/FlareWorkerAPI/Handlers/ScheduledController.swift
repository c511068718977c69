import Foundation
import Synchronization

/// The `controller` of a `scheduled` invocation.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/handlers/scheduled/>
public final class ScheduledController: Sendable {
    /// The time the trigger was scheduled for (the due minute, not the moment it ran).
    public let scheduledTime: Date
    /// The cron expression that fired, or `""` when triggered by hand without one.
    public let cron: String
    private let retryDisabled = Mutex(false)

    /// Creates a controller.
    public init(scheduledTime: Date, cron: String) {
        self.scheduledTime = scheduledTime
        self.cron = cron
    }

    /// `scheduledTime` in milliseconds since the epoch, as JavaScript sees it.
    public var scheduledTimeMilliseconds: Int64 {
        Int64((scheduledTime.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Asks the runtime not to retry this invocation if it fails.
    public func noRetry() {
        retryDisabled.withLock { $0 = true }
    }

    /// Whether ``noRetry()`` was called.
    public var isRetryDisabled: Bool {
        retryDisabled.withLock { $0 }
    }
}
