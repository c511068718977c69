import FlareConfig
import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import Foundation
import Synchronization
import Testing

/// Graceful shutdown: a batch in flight when shutdown starts finishes, is acked, and is not
/// redelivered when the same state is opened again.
struct EmulatorShutdownTests {
    static let configs: [WorkerConfig] = {
        let producer = """
            name = "producer"
            [[queues.producers]]
            binding = "OUT"
            queue = "gated-jobs"
            """
        let consumer = """
            name = "gated-consumer"
            [[d1_databases]]
            binding = "DB"
            database_id = "gated-db"
            [[queues.consumers]]
            queue = "gated-jobs"
            max_batch_size = 3
            """
        return [
            (try? EmulatorTests.config(producer, file: "producer.toml"))!,
            (try? EmulatorTests.config(consumer, file: "gated-consumer.toml"))!,
        ]
    }()

    /// The queue's figures from the control route `swiftflare queues info` uses.
    static func queueInfo(_ emulator: TestEmulator) async throws -> JSONValue {
        let response = await emulator.emulator.control(
            method: .get, path: "/cdn-cgi/local/queues/gated-jobs", query: [:], body: nil)
        #expect(response.status.code == 200)
        return try await response.body.json()
    }

    @Test func gracefulShutdownFinishesAnInFlightBatch() async throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        var options = RuntimeOptions()
        options.cronEnabled = false
        // The grace period is elapsed time, far longer than this test: shutdown can only return
        // early because the batch finished.
        options.shutdownGrace = .seconds(60)
        let workers = EmulatorTests.workers + [GatedConsumerWorker.self]
        try await TestEmulator.with(
            configs: Self.configs, workers: workers, fetcher: OfflineFetcher(), options: options,
            persistRoot: state.url
        ) { emulator in
            for index in 0..<3 {
                let sent = await emulator.fetch("/", method: .post, body: #"{"n":\#(index)}"#, worker: "producer")
                #expect(sent.status.code == 200)
            }
            var started = GatedConsumerWorker.started.stream.makeAsyncIterator()
            #expect(await started.next() == 3)
            #expect(try await Self.queueInfo(emulator)["inFlight"] == 3)

            let finished = Mutex(false)
            let shutdown = Task {
                await emulator.emulator.shutdown()
                finished.withLock { $0 = true }
            }
            while await !emulator.emulator.isShuttingDown { await Task.yield() }
            for _ in 0..<50 { await Task.yield() }
            // The batch is still held at its gate, so shutdown must still be waiting for it.
            #expect(!finished.withLock { $0 })
            GatedConsumerWorker.release.continuation.yield(())
            await shutdown.value
            #expect(finished.withLock { $0 })

            #expect(try await emulator.fetch("/", worker: "gated-consumer").body.text() == "3")
            let info = try await Self.queueInfo(emulator)
            #expect(info["inFlight"] == 0 && info["backlog"] == 0)
        }

        // Opened again: the batch was acked, so nothing is redelivered, and the rows are there.
        try await TestEmulator.with(
            configs: Self.configs, workers: workers, fetcher: OfflineFetcher(), options: options,
            persistRoot: state.url
        ) { emulator in
            await emulator.settle()
            let info = try await Self.queueInfo(emulator)
            #expect(info["inFlight"] == 0 && info["backlog"] == 0 && info["delayed"] == 0)
            #expect(try await emulator.fetch("/", worker: "gated-consumer").body.text() == "3")
        }
    }
}
