import FlareConfig
import FlareFetch
import FlareRuntime
import FlareTesting
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging
import Testing

/// Through a real socket: the dev server on loopback, driven by libcurl.
struct DevServerSocketTests {
    @Test func servesWorkersAndTriggerEndpointsOverHTTP() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configs = [
            try EmulatorTests.config(#"name = "echo""#, file: "echo.toml"),
            try EmulatorTests.config(
                """
                name = "cron-worker"
                [[d1_databases]]
                binding = "DB"
                database_id = "cron-db"
                """, file: "cron.toml"),
        ]
        let port = try LoopbackPorts.free()
        var options = RuntimeOptions(persistRoot: directory.url, port: port)
        options.cronEnabled = false
        var logger = Logger(label: "swiftflare.test")
        logger.logLevel = .warning
        var registry = WorkerRegistry(EmulatorTests.workers)
        registry.register([])
        let emulator = Emulator(
            configs: configs, registry: registry, options: options, fetcher: OfflineFetcher(),
            clock: ManualClock(), logger: logger)
        let served = try await ServingEmulator.start(emulator)
        defer { served.stop() }
        let table = served.table
        #expect(table.map(\.worker) == ["echo", "cron-worker"])
        #expect(table.map(\.url) == ["http://127.0.0.1:\(port)", "http://127.0.0.1:\(port + 1)"])

        let client = CurlFetcher(logger: logger)
        func get(_ path: String, method: HTTPRequest.Method = .get, body: String? = nil) async throws
            -> (Int, String)
        {
            let request = WorkerRequest(
                method: method, url: URL(string: "http://127.0.0.1:\(port)\(path)")!,
                body: body.map { WorkerBody(text: $0) } ?? .empty)
            let response = try await client.fetch(request)
            return (response.status.code, try await response.body.text())
        }

        let (status, echo) = try await get("/hello?x=1", method: .post, body: "data")
        #expect(status == 200)
        let json = try JSONValue(parsing: echo)
        #expect(json["path"] == "/hello")
        #expect(json["body"] == "data")

        // The primary port also serves every other worker under /<name>/.

        // Trigger endpoints on the cron worker's own port, each parameter.
        let cronPort = port + 1
        func trigger(_ path: String) async throws -> (Int, String) {
            let response = try await client.fetch(
                WorkerRequest(url: URL(string: "http://127.0.0.1:\(cronPort)\(path)")!))
            return (response.status.code, try await response.body.text())
        }
        #expect(try await trigger("/cdn-cgi/local/scheduled") == (200, "ok"))
        #expect(
            try await trigger("/cdn-cgi/handler/scheduled?cron=noretry&format=json")
                == (200, #"{"noRetry":true,"outcome":"ok"}"#))
        #expect(try await trigger("/cdn-cgi/mf/scheduled?cron=fail") == (500, "exception"))
        #expect(try await trigger("/cdn-cgi/local/scheduled?format=json&cron=0+0+0+0+0&time=1234567890987").0 == 200)
        let (missing, message) = try await trigger("/cdn-cgi/handler/email2")
        #expect(missing == 404)
        #expect(message.contains("is not a valid handler"))
        let (firedStatus, firedText) = try await get("/cron-worker/anything")
        #expect(firedStatus == 200)
        let fired = firedText.split(separator: "\n")
        #expect(fired.contains("0 0 0 0 0@1234567890987"))
    }
}
