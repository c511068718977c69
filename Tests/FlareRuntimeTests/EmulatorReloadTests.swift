import FlareConfig
import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Testing

/// Hot reload: an edited config reloads its worker without losing stored state; a broken edit
/// keeps the previous config running.
struct EmulatorReloadTests {
    @Test func editedConfigReloadsItsWorkerAndKeepsState() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func write(_ file: String, _ text: String) throws -> String {
            let url = directory.url.appendingPathComponent(file)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let echo = try write("echo.toml", "name = \"echo\"\n[vars]\nGREETING = \"hello\"\n")
        let producer = try write("producer.toml", EmulatorTests.producerConfig)
        let consumer = try write("consumer.toml", EmulatorTests.consumerConfig(batch: 1))
        let paths = [echo, producer, consumer]
        let configs = try paths.map { try #require(ConfigWatcher.load(path: $0, environment: nil).config) }
        try await TestEmulator.with(configs: configs, workers: EmulatorTests.workers, fetcher: OfflineFetcher()) {
            emulator in
            func greeting() async throws -> JSONValue? {
                try await emulator.fetch("/", worker: "echo").body.json()["greeting"]
            }
            func received() async throws -> String {
                try await emulator.fetch("/", worker: "consumer").body.text()
            }
            func produce(_ count: Int) async {
                for index in 0..<count {
                    _ = await emulator.fetch("/", method: .post, body: #"{"n":\#(index)}"#, worker: "producer")
                }
                await emulator.settle()
            }
            let watcher = ConfigWatcher(
                paths: paths, environment: nil, emulator: emulator.emulator, logger: Logger(label: "test"))
            #expect(await watcher.poll().isEmpty)
            await produce(2)
            #expect(try await received() == "2")

            _ = try write("echo.toml", "name = \"echo\"\n[vars]\nGREETING = \"bonjour\"\n")
            _ = try write("consumer.toml", EmulatorTests.consumerConfig(batch: 3))
            let reports = await watcher.poll()
            #expect(reports.map(\.path) == [echo, consumer] && reports.allSatisfy(\.reloaded))
            #expect(try await greeting() == "bonjour")
            #expect(try await received() == "2")  // the D1 rows survived the reload
            await produce(2)
            #expect(try await received() == "2")  // the new max_batch_size = 3 holds them for the timeout
            await emulator.advance(by: 5)
            #expect(try await received() == "4")

            _ = try write("echo.toml", "name = \"echo\"\n[vars\nGREETING = \"broken\"\n")
            let rejected = await watcher.poll()
            #expect(rejected.count == 1 && rejected[0].reloaded == false && !rejected[0].message.isEmpty)
            #expect(try await greeting() == "bonjour")
            #expect(await watcher.poll().isEmpty)  // reported once, not on every poll
        }
    }

    @Test func reloadRefusesANewWorkerName() async throws {
        let config = try EmulatorTests.config(#"name = "echo""#)
        try await TestEmulator.with(configs: [config], workers: EmulatorTests.workers, fetcher: OfflineFetcher()) {
            emulator in
            let renamed = try EmulatorTests.config(#"name = "producer""#)
            await #expect {
                try await emulator.emulator.reload(renamed)
            } throws: { error in
                "\(error)".contains("no running worker is named \"producer\"")
            }
            #expect(await emulator.emulator.workers.map(\.name) == ["echo"])
        }
    }
}
