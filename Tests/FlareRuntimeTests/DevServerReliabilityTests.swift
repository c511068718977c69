import FlareConfig
import FlareFetch
import FlareTesting
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging
import Testing

@testable import FlareRuntime

/// The dev server's defences, through a real socket: who may call `/cdn-cgi/*`, body limits, and
/// the R2 control route with hostile keys.
struct DevServerReliabilityTests {
    /// A running dev server (one `echo` worker with an R2 bucket and a queue) on a free port.
    struct Server {
        let port: Int
        let emulator: Emulator
        let task: Task<Void, any Error>
    }

    static func withServer(_ body: (Server) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configs = [
            try EmulatorTests.config(
                """
                name = "echo"
                [[r2_buckets]]
                binding = "BUCKET"
                bucket_name = "files"
                [[queues.producers]]
                binding = "OUT"
                queue = "jobs"
                """, file: "echo.toml")
        ]
        let port = try LoopbackPorts.free()
        var options = RuntimeOptions(persistRoot: directory.url.appendingPathComponent("state"), port: port)
        options.cronEnabled = false
        var logger = Logger(label: "swiftflare.test")
        logger.logLevel = .critical
        let emulator = Emulator(
            configs: configs, registry: WorkerRegistry(EmulatorTests.workers), options: options,
            fetcher: OfflineFetcher(), clock: ManualClock(), logger: logger)
        let served = try await ServingEmulator.start(emulator)
        defer { served.stop() }
        try await body(Server(port: port, emulator: emulator, task: served.task))
    }

    /// Sends `text` as-is over a new connection and returns everything the server wrote back.
    static func raw(_ port: Int, _ text: String) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: rawBlocking(port, Array(text.utf8)))
            }.start()
        }
    }

    private static func rawBlocking(_ port: Int, _ bytes: [UInt8]) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return "connect failed" }
        // A bound against a hang, not a speed check: under ThreadSanitizer and a loaded machine an answer
        // has taken over 10 s.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    static func get(_ port: Int, _ path: String, headers: [String] = ["Host: 127.0.0.1"]) async -> String {
        let lines = ["GET \(path) HTTP/1.1"] + headers + ["Connection: close", "", ""]
        return await raw(port, lines.joined(separator: "\r\n"))
    }

    @Test func controlRoutesRefuseForeignHostsAndOrigins() async throws {
        try await Self.withServer { server in
            let port = server.port
            #expect(await Self.get(port, "/cdn-cgi/local/workers").hasPrefix("HTTP/1.1 200"))
            #expect(
                await Self.get(port, "/cdn-cgi/local/workers", headers: ["Host: localhost:\(port)"]).hasPrefix(
                    "HTTP/1.1 200"))
            #expect(
                await Self.get(port, "/cdn-cgi/local/workers", headers: ["Host: [::1]:\(port)"]).hasPrefix(
                    "HTTP/1.1 200"))
            // DNS rebinding: the browser reaches 127.0.0.1 under the attacker's name.
            let rebound = await Self.get(port, "/cdn-cgi/local/workers", headers: ["Host: attacker.example:\(port)"])
            #expect(rebound.hasPrefix("HTTP/1.1 403"))
            // A cross-origin page posting to the loopback address.
            let crossOrigin = await Self.get(
                port, "/cdn-cgi/local/queues/jobs/purge",
                headers: ["Host: 127.0.0.1:\(port)", "Origin: https://attacker.example"])
            #expect(crossOrigin.hasPrefix("HTTP/1.1 403"))
            let sameOrigin = await Self.get(
                port, "/cdn-cgi/local/workers",
                headers: ["Host: 127.0.0.1:\(port)", "Origin: http://localhost:\(port)"])
            #expect(sameOrigin.hasPrefix("HTTP/1.1 200"))
            #expect(await Self.get(port, "/cdn-cgi/local/workers", headers: []).hasPrefix("HTTP/1.1 4"))
            // Worker routes are not control routes: any Host reaches the worker.
            #expect(await Self.get(port, "/hello", headers: ["Host: attacker.example"]).hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func controlAccessParsesHostsStrictly() {
        #expect(ControlAccess.hostName(ofAuthority: "LocalHost:8787") == "localhost")
        #expect(ControlAccess.hostName(ofAuthority: "[::1]:8787") == "::1")
        #expect(ControlAccess.hostName(ofAuthority: "127.0.0.1:99999") == nil)
        #expect(ControlAccess.hostName(ofAuthority: "a:b:c") == nil)
        #expect(ControlAccess.hostName(ofAuthority: "") == nil)
        #expect(ControlAccess.hostName(ofOrigin: "null") == nil)
        #expect(ControlAccess.hostName(ofOrigin: "http://user@localhost") == nil)
        #expect(ControlAccess.isLoopbackName("127.3.2.1"))
        #expect(ControlAccess.isLoopbackName("app.localhost"))
        #expect(!ControlAccess.isLoopbackName("127.0.0.1.attacker.example"))
        #expect(!ControlAccess.isLoopbackName("localhost.attacker.example"))
        #expect(ControlAccess.allows(address: nil, host: "dev.example", extraHosts: ["dev.example"]))
        #expect(!ControlAccess.allows(address: nil, host: "localhost", extraHosts: []))
    }

    @Test func oversizedBodiesGet413AndChangeNothing() async throws {
        try await Self.withServer { server in
            let port = server.port
            // A declared body over Cloudflare's 100 MB limit is refused before the worker runs.
            let huge = await Self.raw(
                port,
                "POST /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 200000000\r\nConnection: close\r\n\r\nx")
            #expect(huge.hasPrefix("HTTP/1.1 413"))
            // A control body over the limit is refused, not read as an empty send.
            let client = CurlFetcher(logger: Logger(label: "swiftflare.test"))
            let big = Data(repeating: UInt8(ascii: " "), count: DevResponder.maxControlBody + 1)
            let response = try await client.fetch(
                WorkerRequest(
                    method: .post, url: URL(string: "http://127.0.0.1:\(port)/cdn-cgi/local/queues/jobs/send")!,
                    body: WorkerBody(data: big)))
            #expect(response.status.code == 413)
            let put = try await client.fetch(
                WorkerRequest(
                    method: .put, url: URL(string: "http://127.0.0.1:\(port)/cdn-cgi/local/r2/files/big")!,
                    body: WorkerBody(data: big)))
            #expect(put.status.code == 413)
            #expect(await Self.get(port, "/cdn-cgi/local/r2/files/big").hasPrefix("HTTP/1.1 404"))
        }
    }

    @Test func malformedAndHugeRequestsAreRefusedAndTheServerKeepsServing() async throws {
        try await Self.withServer { server in
            let port = server.port
            let hugeHeader = await Self.get(
                port, "/hello", headers: ["Host: 127.0.0.1", "X-Big: " + String(repeating: "a", count: 200_000)])
            #expect(!hugeHeader.hasPrefix("HTTP/1.1 200"))
            let garbage = await Self.raw(port, "\u{01}\u{02} not http at all\r\n\r\n")
            #expect(!garbage.hasPrefix("HTTP/1.1 200"))
            let badPath = await Self.get(port, "/cdn-cgi/local/queues/%ff%fe/../../x")
            #expect(badPath.hasPrefix("HTTP/1.1 4"))
            #expect(await Self.get(port, "/hello").hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func r2ControlRouteRoundTripsAndKeepsHostileKeysInsideThePersistRoot() async throws {
        try await Self.withServer { server in
            let port = server.port
            let client = CurlFetcher(logger: Logger(label: "swiftflare.test"))
            let payload = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            // R2 keys are data, not paths: dot segments, slashes and NUL are stored as given.
            for key in ["plain", "..%2F..%2F..%2Fescape", "a%2F..%2F..%2Fb", "%2Fetc%2Fpasswd", "a%00b"] {
                let url = URL(string: "http://127.0.0.1:\(port)/cdn-cgi/local/r2/files/\(key)")!
                let put = try await client.fetch(WorkerRequest(method: .put, url: url, body: WorkerBody(data: payload)))
                #expect(put.status.code == 200, "\(key)")
                let read = try await client.fetch(WorkerRequest(url: url))
                #expect(read.status.code == 200)
                #expect(try await read.body.collect() == payload, "\(key)")
            }
            // A key over R2's 1,024 bytes is refused with R2's error.
            let long = try await client.fetch(
                WorkerRequest(
                    method: .put,
                    url: URL(
                        string: "http://127.0.0.1:\(port)/cdn-cgi/local/r2/files/\(String(repeating: "k", count: 1025))"
                    )!,
                    body: WorkerBody(text: "x")))
            #expect(long.status.code == 400)
            #expect(try await long.body.text().contains("10020"))
            let root = server.emulator.options.persistRoot
            let parent = root.deletingLastPathComponent()
            let outside = try FileManager.default.contentsOfDirectory(atPath: parent.path)
            #expect(outside == ["state"])
            #expect(!FileManager.default.fileExists(atPath: "/etc/passwd.swiftflare"))
            let unknown = await Self.get(port, "/cdn-cgi/local/r2/nope/key")
            #expect(unknown.hasPrefix("HTTP/1.1 404"))
        }
    }
}
