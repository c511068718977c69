import FlareWorkerAPI
import Foundation
import GRDB

extension LocalQueueBroker {
    /// The delivery loop: starts due batches, then sleeps on the clock until the next batch
    /// timer or delay, or until a send, settle or control call wakes it. Runs until its task is
    /// cancelled or ``shutdown(grace:)`` is called; the runtime runs it as a service.
    public func run() async {
        await withTaskCancellationHandler {
            while !Task.isCancelled, !stopping {
                pump()
                await waitForWake(until: nextWakeDeadline())
            }
        } onCancel: {
            Task { await self.signal() }
        }
    }

    /// Starts the batches due now and waits for them (one round; settling may make more due).
    public func deliverDueBatches() async {
        pump()
        let running = Array(deliveries.values)
        for task in running { await task.value }
    }

    /// Delivers until nothing is due at the current clock time and nothing is in flight. Tests
    /// call it after sends and after `ManualClock.advance`, instead of sleeping.
    public func waitUntilIdle() async {
        while true {
            pump()
            guard let next = deliveries.values.first else { return }
            await next.value
        }
    }

    /// Stops starting batches, lets those in flight finish for up to `grace` seconds (elapsed
    /// time, whatever the broker's clock), and stops ``run()``. Batches still running afterwards stay leased and are
    /// redelivered when the broker next opens.
    /// - Parameter grace: seconds to wait for in-flight batches.
    public func shutdown(grace: Double) async {
        stopping = true
        signal()
        let running = Array(deliveries.values)
        guard !running.isEmpty else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for task in running { await task.value }
            }
            group.addTask {
                // Elapsed time, not the broker's clock: a manual clock that nobody advances would
                // otherwise hold shutdown forever behind a handler that waits on that clock.
                try? await Task.sleep(for: .seconds(grace))
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Batches in flight right now (all queues).
    public var inFlightBatchCount: Int { deliveries.count }

    /// Wakes ``run()`` (or makes its next wait return at once).
    func signal() {
        if let continuation = wakeContinuation {
            wakeContinuation = nil
            continuation.resume()
        } else {
            wakePending = true
        }
    }

    private func waitForWake(until deadline: Date?) async {
        if wakePending {
            wakePending = false
            return
        }
        var sleeper: Task<Void, Never>?
        if let deadline {
            let clock = self.clock
            sleeper = Task {
                guard (try? await clock.sleep(until: deadline)) != nil else { return }
                self.signal()
            }
        }
        await withCheckedContinuation { wakeContinuation = $0 }
        wakePending = false
        sleeper?.cancel()
    }

    /// The earliest batch-timer expiry or delayed message of a queue with a consumer.
    private func nextWakeDeadline() -> Date? {
        let now = clock.now()
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        var earliest: Date?
        func consider(_ date: Date) { earliest = min(earliest ?? date, date) }
        for (queue, consumer) in consumers where !paused.contains(queue) {
            guard consumer.inFlight < consumer.settings.effectiveConcurrency else { continue }
            if let timerStart = consumer.timerStart {
                consider(timerStart.addingTimeInterval(consumer.settings.maxBatchTimeout))
            }
            let visible = try? tableName(queue).flatMap { table in
                try database.read { db in
                    try Int64.fetchOne(db, sql: BrokerSchema.nextVisible(table), arguments: [nowMs])
                }
            }
            if let visible = visible ?? nil { consider(Date(timeIntervalSince1970: Double(visible) / 1000)) }
        }
        return earliest
    }
}
