import FlareConfig
import FlareFetch
import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging
import Testing

/// Through a real socket: a producer and a consumer from two configs, `/__scheduled`, and the
/// diagnostic for a config no worker serves.
struct DevServerTopologySocketTests {
    /// Starts `emulator.run` and returns its task once every server listens.
    static func serve(_ emulator: Emulator) async throws -> (Task<Void, any Error>, [(worker: String, url: String)]) {
        let served = try await ServingEmulator.start(emulator)
        return (served.task, served.table)
    }

    static func emulator(_ configs: [WorkerConfig], root: URL, port: Int, testScheduled: Bool = false) -> Emulator {
        var options = RuntimeOptions(persistRoot: root, port: port)
        options.cronEnabled = false
        options.testScheduled = testScheduled
        var logger = Logger(label: "swiftflare.test")
        logger.logLevel = .warning
        return Emulator(
            configs: configs, registry: WorkerRegistry(EmulatorTests.workers), options: options,
            fetcher: OfflineFetcher(), clock: ManualClock(), logger: logger)
    }

    static func send(_ client: CurlFetcher, _ url: String, method: HTTPRequest.Method = .get, body: String? = nil)
        async throws -> (Int, String)
    {
        let request = WorkerRequest(
            method: method, url: URL(string: url)!, body: body.map { WorkerBody(text: $0) } ?? .empty)
        let response = try await client.fetch(request)
        return (response.status.code, try await response.body.text())
    }

    @Test func producerAndConsumerFromTwoConfigsExchangeMessagesOverHTTP() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configs = [
            try EmulatorTests.config(EmulatorTests.producerConfig, file: "producer.toml"),
            try EmulatorTests.config(EmulatorTests.consumerConfig(batch: 4), file: "consumer.toml"),
        ]
        let port = try LoopbackPorts.free()
        let emulator = Self.emulator(configs, root: directory.url, port: port)
        let (server, table) = try await Self.serve(emulator)
        defer { server.cancel() }
        #expect(table.map(\.worker) == ["producer", "consumer"])

        let client = CurlFetcher(logger: Logger(label: "swiftflare.test.client"))
        for index in 0..<8 {
            let (status, text) = try await Self.send(
                client, "http://127.0.0.1:\(port)/", method: .post, body: #"{"n":\#(index)}"#)
            #expect(status == 200 && text == "queued")
        }
        await emulator.settle()
        // The consumer on its own port, and under /consumer/ on the primary port.
        #expect(try await Self.send(client, "http://127.0.0.1:\(port + 1)/") == (200, "8"))
        #expect(try await Self.send(client, "http://127.0.0.1:\(port)/consumer/") == (200, "8"))
        let (_, queues) = try await Self.send(client, "http://127.0.0.1:\(port)/cdn-cgi/local/queues/jobs")
        let info = try JSONValue(parsing: queues)
        #expect(info["backlog"] == 0 && info["inFlight"] == 0)
    }

    @Test func testScheduledRouteFiresTheScheduledHandler() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try EmulatorTests.config(
            """
            name = "cron-worker"
            [[d1_databases]]
            binding = "DB"
            database_id = "cron-db"
            """, file: "cron.toml")
        let port = try LoopbackPorts.free()
        let emulator = Self.emulator([config], root: directory.url, port: port, testScheduled: true)
        let (server, _) = try await Self.serve(emulator)
        defer { server.cancel() }
        let client = CurlFetcher(logger: Logger(label: "swiftflare.test.client"))
        let base = "http://127.0.0.1:\(port)"
        #expect(try await Self.send(client, "\(base)/__scheduled?cron=*/5+*+*+*+*") == (200, "Ran scheduled event"))
        let (_, fired) = try await Self.send(client, "\(base)/")
        #expect(fired.hasPrefix("*/5 * * * *@"))
    }

    @Test func unregisteredWorkerStopsTheServerWithADiagnostic() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try EmulatorTests.config(#"name = "nobody-serves-me""#, file: "orphan.toml")
        let emulator = Self.emulator([config], root: directory.url, port: try LoopbackPorts.free())
        await #expect {
            try await emulator.run()
        } throws: { error in
            let message = "\(error)"
            return message.contains("\"nobody-serves-me\" (from /tmp/swiftflare-runtime-tests/orphan.toml)")
                && message.contains("Registered workers: consumer, cron-worker, echo, producer")
        }
    }
}
