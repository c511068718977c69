import FlareQueues
import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Synchronization

/// Captures log lines in memory.
final class LogRecorder: Sendable {
    private let lines = Mutex<[(Logger.Level, String)]>([])

    var logger: Logger {
        var logger = Logger(label: "queues-test") { _ in RecordingHandler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }

    func append(_ level: Logger.Level, _ message: String) {
        lines.withLock { $0.append((level, message)) }
    }

    var messages: [String] { lines.withLock { $0.map(\.1) } }

    func contains(_ text: String) -> Bool { messages.contains { $0.contains(text) } }
}

struct RecordingHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        recorder.append(event.level, "\(event.message)")
    }
}

/// What a consumer received.
final class Deliveries: Sendable {
    struct Delivered: Sendable {
        var id: String
        var body: QueueMessageBody
        var attempts: Int
    }

    private let batches = Mutex<[[Delivered]]>([])

    func record(_ batch: MessageBatch) {
        let items = batch.messages.map { Delivered(id: $0.id, body: $0.body, attempts: $0.attempts) }
        batches.withLock { $0.append(items) }
    }

    var all: [[Delivered]] { batches.withLock { $0 } }
    var sizes: [Int] { all.map(\.count) }
    var flat: [Delivered] { all.flatMap { $0 } }
}

/// A gate handlers wait on until the test opens it.
actor Gate {
    private var open = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if open { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        open = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

/// Counts handlers running at once and the most seen.
final class ConcurrencyProbe: Sendable {
    private let state = Mutex((current: 0, peak: 0))

    func enter() {
        state.withLock {
            $0.current += 1; $0.peak = max($0.peak, $0.current)
        }
    }
    func leave() { state.withLock { $0.current -= 1 } }
    var peak: Int { state.withLock { $0.peak } }
    var current: Int { state.withLock { $0.current } }
}

struct BrokerFixture {
    let root: TemporaryDirectory
    let clock = ManualClock()
    let logs = LogRecorder()

    init() throws {
        root = try TemporaryDirectory()
    }

    func open() throws -> LocalQueueBroker {
        try LocalQueueBroker(persistRoot: root.url, clock: clock, logger: logs.logger)
    }
}

/// Yields until `condition` holds (bounded, so a broken test fails instead of hanging).
func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
    for _ in 0..<20_000 {
        if await condition() { return true }
        await Task.yield()
    }
    return await condition()
}

func numbers(_ range: Range<Int>) -> [QueueSendRequest] {
    range.map { QueueSendRequest(body: .json(["n": .int(Int64($0))])) }
}
