import FlareTesting
import Foundation
import Testing

@testable import FlareBench

/// The `http` suite's parts: the load generator against the dev server and the bare Hummingbird
/// server (small counts; the suite itself runs in release under `swiftflare bench http`).
struct HTTPSuiteTests {
    @Test func loadGeneratorDrivesTheDevServerAndTheBareServer() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let dev = try await DevServerUnderTest.start(scratch: scratch.url)
        let bare = try await BareHummingbirdServer.start()
        let devRun = try await LoadGenerator(
            port: dev.port, path: DevServerUnderTest.path, connections: 4, requests: 200, seconds: 120
        ).run()
        let bareRun = try await LoadGenerator(
            port: bare.port, path: BareHummingbirdServer.path, connections: 4, requests: 200, seconds: 120
        ).run()
        await dev.stop()
        await bare.stop()
        // 50 requests per keep-alive connection: the dev server once closed a connection after two
        // requests, when a task reading the (empty) request body raced the server.
        #expect(devRun.requests == 200 && devRun.latencies.count == 200)
        #expect(bareRun.requests == 200)
        #expect(devRun.requestsPerSecond > 0 && bareRun.requestsPerSecond > 0)
        #expect(LoadGenerator.probe(port: dev.port, path: "/") == nil)  // stopped: nothing listens
    }

    @Test func percentilesOfTheLatencies() {
        let latencies = (1...100).map(Double.init)
        #expect(BenchTiming.percentile(latencies, 0.5) == 50)
        #expect(BenchTiming.percentile(latencies, 0.99) == 99)
    }
}
