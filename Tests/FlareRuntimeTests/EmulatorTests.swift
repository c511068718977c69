import FlareConfig
import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

struct EmulatorTests {
    static let workers: [any Worker.Type] = [
        EchoWorker.self, ProducerWorker.self, ConsumerWorker.self, CronWorker.self,
    ]

    static func config(_ toml: String, file: String = "wrangler.toml") throws -> WorkerConfig {
        let loaded = try WranglerConfigLoader.load(contents: toml, path: "/tmp/swiftflare-runtime-tests/\(file)")
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.render())")
        return loaded.config
    }

    static let producerConfig = """
        name = "producer"
        [[queues.producers]]
        binding = "OUT"
        queue = "jobs"
        """

    static func consumerConfig(batch: Int = 10, timeout: Int = 5, concurrency: Int = 1, delay: Int = 0) -> String {
        """
        name = "consumer"
        [vars]
        DELAY_SECONDS = "\(delay)"
        [[d1_databases]]
        binding = "DB"
        database_id = "shared-db"
        [[queues.consumers]]
        queue = "jobs"
        max_batch_size = \(batch)
        max_batch_timeout = \(timeout)
        max_concurrency = \(concurrency)
        """
    }

    @Test func producerAndConsumerFromSeparateConfigsShareOneQueue() async throws {
        let configs = [
            try Self.config(Self.producerConfig, file: "producer.toml"),
            try Self.config(Self.consumerConfig(batch: 3), file: "consumer.toml"),
        ]
        try await TestEmulator.with(configs: configs, workers: Self.workers, fetcher: OfflineFetcher()) { emulator in
            for index in 0..<7 {
                let response = await emulator.fetch("/", method: .post, body: #"{"n":\#(index)}"#, worker: "producer")
                #expect(response.status.code == 200)
            }
            await emulator.settle()
            // Two full batches of 3 go at once; the last message waits for the batch timeout.
            let beforeTimeout = try await emulator.fetch("/", worker: "consumer").body.text()
            #expect(beforeTimeout == "6")
            await emulator.advance(by: 5)
            let afterTimeout = try await emulator.fetch("/", worker: "consumer").body.text()
            #expect(afterTimeout == "7")
        }
    }

    @Test func fetchWorkerSeesMethodPathQueryBodyAndVars() async throws {
        let config = try Self.config(
            """
            name = "echo"
            [vars]
            GREETING = "hello"
            """)
        try await TestEmulator.with(configs: [config], workers: Self.workers, fetcher: OfflineFetcher()) { emulator in
            let response = await emulator.fetch("/path/x?a=1&b=2", method: .put, body: "payload")
            let json = try await response.body.json()
            #expect(json["method"] == "PUT")
            #expect(json["path"] == "/path/x")
            #expect(json["query"] == "a=1&b=2")
            #expect(json["body"] == "payload")
            #expect(json["greeting"] == "hello")
            let failure = await emulator.fetch("/boom")
            #expect(failure.status.code == 500)
            #expect(try await failure.body.text().contains("boom"))
        }
    }

    @Test func unregisteredWorkerNameGivesADiagnosticListingRegisteredWorkers() async throws {
        let config = try Self.config(#"name = "nobody-serves-me""#)
        await #expect {
            try await TestEmulator.with(configs: [config], workers: Self.workers, fetcher: OfflineFetcher()) { _ in }
        } throws: { error in
            let message = "\(error)"
            return message.contains("No Swift worker is registered for \"nobody-serves-me\"")
                && message.contains("echo") && message.contains("historical-data-queue-consumer")
        }
    }

    @Test func scheduledTriggerHonoursCronAndTimeAndReportsOutcomes() async throws {
        let config = try Self.config(
            """
            name = "cron-worker"
            [[d1_databases]]
            binding = "DB"
            database_id = "cron-db"
            """)
        var options = RuntimeOptions()
        options.cronEnabled = false
        try await TestEmulator.with(
            configs: [config], workers: Self.workers, fetcher: OfflineFetcher(), options: options
        ) { emulator in
            let plain = await emulator.emulator.scheduled(worker: "cron-worker", cron: "", time: nil)
            #expect(plain == ScheduledOutcome(outcome: "ok", noRetry: false))
            let timed = await emulator.emulator.scheduled(
                worker: "cron-worker", cron: "0 0 0 0 0", time: Date(timeIntervalSince1970: 1_234_567_890.987))
            #expect(timed?.outcome == "ok")
            let noRetry = await emulator.emulator.scheduled(worker: "cron-worker", cron: "noretry", time: nil)
            #expect(noRetry == ScheduledOutcome(outcome: "ok", noRetry: true))
            let failed = await emulator.emulator.scheduled(worker: "cron-worker", cron: "fail", time: nil)
            #expect(failed?.outcome == "exception")
            let seen = try await emulator.fetch("/").body.text().split(separator: "\n")
            #expect(seen.first == "@\(emulator.clock.nowMilliseconds())")
            #expect(seen[1] == "0 0 0 0 0@1234567890987")
        }
    }
}
