import FlareWorkerAPI

/// Backoff for D1's transient `database is locked` / `SQLITE_BUSY` errors, sleeping on `env.clock`.
struct BusyRetry: Sendable {
    /// Seconds to wait before each further attempt: 1, 2, 4, 8 s, the schedule the docs promised (§8.9).
    var delays: [Double] = [1, 2, 4, 8]
    var clock: any FlareClock

    /// Whether `error` is D1 saying the database is busy, as the original tested `error.message`.
    static func isTransient(_ error: any Error) -> Bool {
        let message = (error as? D1Error)?.message ?? String(describing: error)
        return message.contains("database is locked") || message.contains("SQLITE_BUSY")
    }

    /// Runs `work`, retrying after each delay while it fails transiently.
    /// - Throws: the last error: a non-transient one at once, a transient one when the delays run out.
    func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await work()
            } catch  where Self.isTransient(error) && attempt < delays.count {
                try await clock.sleep(seconds: delays[attempt])
                attempt += 1
            }
        }
    }
}
