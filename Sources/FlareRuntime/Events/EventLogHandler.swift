import FlareWorkerAPI
import Logging

/// Publishes what a worker logs through `env.logger` as `.log` events, so that `swiftflare tail`
/// shows a worker's console output beside its requests and batches.
struct EventLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let events: EventHub
    let worker: String
    let clock: any FlareClock

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        events.publish(
            RuntimeEvent(
                timestamp: clock.nowMilliseconds(), kind: .log, worker: worker, outcome: event.level.rawValue,
                summary: "\(event.message)", level: event.level.rawValue))
    }

    /// `logger` that also publishes each message as a `.log` event of `worker`.
    static func teeing(_ logger: Logger, events: EventHub, worker: String, clock: any FlareClock) -> Logger {
        let console = logger.handler
        let tail = EventLogHandler(logLevel: logger.logLevel, events: events, worker: worker, clock: clock)
        var teed = Logger(label: logger.label) { _ in MultiplexLogHandler([console, tail]) }
        teed.logLevel = logger.logLevel
        return teed
    }
}
