import FlareCron
import FlareTesting
import Foundation
import Logging
import Synchronization

/// `2025-01-01T00:30` (UTC; seconds optional) as a date.
func utc(_ text: String) -> Date {
    let full = text.count == 16 ? text + ":00Z" : text + "Z"
    guard let date = CronFormatting.parse(full) else { fatalError("bad test date \(text)") }
    return date
}

/// The ISO strings of `dates` without seconds (`2025-01-01T00:30`).
func minutes(_ dates: [Date]) -> [String] {
    dates.map { String(CronFormatting.iso8601($0).prefix(16)) }
}

/// Collects firings delivered by a scheduler.
final class FiringLog: Sendable {
    private let firings = Mutex<[CronFiring]>([])

    func append(_ firing: CronFiring) {
        firings.withLock { $0.append(firing) }
    }

    var all: [CronFiring] { firings.withLock { $0 } }

    var times: [String] { minutes(all.map(\.scheduledTime)) }
}

/// A logger writing into a fresh storage.
func capturingLogger() -> (Logger, CapturingLogHandler.Storage) {
    CapturingLogHandler.logger(label: "cron-test")
}
