import FlareConfig
import FlareRuntime
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// The trivial fetch worker the `http` suite serves.
struct BenchHelloWorker: FetchHandler {
    static let name = "bench-hello"

    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws -> WorkerResponse {
        .text(DevServerUnderTest.body)
    }
}

/// `swiftflare dev` serving ``BenchHelloWorker`` on a free loopback port, in process.
struct DevServerUnderTest {
    static let body = "Hello from a Swift worker!\n"
    static let path = "/hello"

    let port: Int
    let task: Task<Void, any Error>

    static func start(scratch: URL) async throws -> DevServerUnderTest {
        let loaded = try WranglerConfigLoader.load(
            contents: "name = \"\(BenchHelloWorker.name)\"\n",
            path: scratch.appendingPathComponent("wrangler.toml").path)
        let port = try LoadGenerator.freePort()
        var options = RuntimeOptions(persistRoot: scratch.appendingPathComponent("state"), port: port)
        options.cronEnabled = false
        var logger = Logger(label: "swiftflare.bench.http")
        logger.logLevel = .warning
        let emulator = Emulator(
            configs: [loaded.config], registry: WorkerRegistry([BenchHelloWorker.self]), options: options,
            fetcher: NoFetcher(), clock: SystemClock(), logger: logger)
        let ready = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            try await emulator.run { _ in
                ready.continuation.yield()
                ready.continuation.finish()
            }
        }
        for await _ in ready.stream { break }
        return DevServerUnderTest(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// A bare Hummingbird 2 server with one route answering the same body and content type.
struct BareHummingbirdServer {
    static let path = "/hello"

    let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    static func start() async throws -> BareHummingbirdServer {
        let port = try LoadGenerator.freePort()
        var logger = Logger(label: "swiftflare.bench.bare")
        logger.logLevel = .warning
        let router = Router()
        let body = DevServerUnderTest.body
        router.get(RouterPath(path)) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain;charset=UTF-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        let ready = AsyncStream.makeStream(of: Void.self)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: "bare"),
            onServerRunning: { _ in
                ready.continuation.yield()
                ready.continuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [ServiceGroupConfiguration.ServiceConfiguration(service: app)], logger: logger))
        let task = Task { try await group.run() }
        for await _ in ready.stream { break }
        return BareHummingbirdServer(port: port, group: group, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// The `http` suite's worker makes no outbound fetch.
struct NoFetcher: Fetcher {
    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        throw FetchError(code: .noFixture, message: "the http benchmark makes no outbound fetch")
    }
}
