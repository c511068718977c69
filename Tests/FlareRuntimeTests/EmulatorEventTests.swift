import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

/// What `swiftflare tail` streams: requests, batches, scheduled runs and the workers' own logs.
struct EmulatorEventTests {
    @Test func requestsBatchesAndWorkerLogsArePublished() async throws {
        let configs = [
            try EmulatorTests.config(EmulatorTests.producerConfig, file: "producer.toml"),
            try EmulatorTests.config(EmulatorTests.consumerConfig(batch: 1), file: "consumer.toml"),
            try EmulatorTests.config(#"name = "echo""#, file: "echo.toml"),
        ]
        try await TestEmulator.with(configs: configs, workers: EmulatorTests.workers, fetcher: OfflineFetcher()) {
            emulator in
            let events = emulator.emulator.events.subscribe()
            _ = await emulator.fetch("/warn", worker: "echo")
            _ = await emulator.fetch("/", method: .post, body: #"{"n":1}"#, worker: "producer")
            await emulator.settle()
            var seen: [RuntimeEvent] = []
            for await event in events {
                seen.append(event)
                if event.kind == .batch { break }
            }
            let log = try #require(seen.first { $0.kind == .log })
            #expect(log.worker == "echo" && log.level == "warning" && log.summary == "echo was asked for /warn")
            #expect(seen.contains { $0.kind == .request && $0.worker == "echo" && $0.summary == "GET /warn 200" })
            #expect(seen.contains { $0.kind == .request && $0.worker == "producer" && $0.outcome == "200" })
            let batch = try #require(seen.last)
            #expect(batch.worker == "consumer" && batch.outcome == "ok" && batch.summary == "jobs: 1 messages")
            // The request line is a request event, not also a log event.
            #expect(seen.filter { $0.kind == .log }.count == 1)
        }
    }
}
