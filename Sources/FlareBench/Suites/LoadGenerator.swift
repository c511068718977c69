import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An in-repo HTTP/1.1 load generator over loopback (as `wrk` does it): `connections` keep-alive
/// connections, each on its own thread, sending the same GET back to back until `requests` have
/// been answered or `seconds` have passed; every request's latency is recorded.
struct LoadGenerator: Sendable {
    /// The outcome of one run.
    struct Result: Sendable {
        /// Requests answered.
        var requests: Int
        /// Wall time of the run.
        var seconds: Double
        /// Each request's latency in milliseconds.
        var latencies: [Double]

        var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
    }

    /// Why a run failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    let path: String
    let connections: Int
    let requests: Int
    let seconds: Double

    /// Runs the load on dedicated threads (never on Swift's cooperative pool, which the server uses).
    /// - Throws: `Failure` when a connection fails or a response is not a 200.
    func run() async throws -> Result {
        let budget = Budget(requests)
        let deadline = Self.monotonicSeconds() + seconds
        let start = Self.monotonicSeconds()
        let lanes: [Result] = try await withThrowingTaskGroup(of: Result.self) { group in
            for _ in 0..<connections {
                group.addTask { try await Self.onThread { try self.lane(budget: budget, deadline: deadline) } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = Self.monotonicSeconds() - start
        return Result(
            requests: lanes.reduce(0) { $0 + $1.requests }, seconds: elapsed, latencies: lanes.flatMap(\.latencies))
    }

    /// One connection's requests.
    private func lane(budget: Budget, deadline: Double) throws -> Result {
        let fd = try Self.connect(port: port)
        defer { close(fd) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        var reader = ResponseReader(fd: fd)
        var latencies: [Double] = []
        latencies.reserveCapacity(requests / max(connections, 1) + 1)
        while budget.take(), Self.monotonicSeconds() < deadline {
            let sent = Self.monotonicSeconds()
            let written = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written == request.count else { throw Failure(description: "send failed (errno \(errno))") }
            let status = try reader.readResponse()
            guard status == 200 else { throw Failure(description: "GET \(path) answered \(status)") }
            latencies.append((Self.monotonicSeconds() - sent) * 1000)
        }
        return Result(requests: latencies.count, seconds: 0, latencies: latencies)
    }

    /// One GET on a new connection; the status, or `nil` when nothing listens yet.
    static func probe(port: Int, path: String) -> Int? {
        guard let fd = try? connect(port: port) else { return nil }
        defer { close(fd) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        let written = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard written == request.count else { return nil }
        var reader = ResponseReader(fd: fd)
        return try? reader.readResponse()
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port) failed (errno \(errno))")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    /// A free loopback port (bound and released at once).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw Failure(description: "no free port (errno \(errno))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Runs blocking `work` on a new thread.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }
}

/// The requests left to send, shared by the connections.
private final class Budget: Sendable {
    private let left: Atomic<Int>

    init(_ count: Int) {
        left = Atomic(count)
    }

    /// Takes one request; `false` once the budget is spent.
    func take() -> Bool {
        left.subtract(1, ordering: .relaxed).oldValue > 0
    }
}

/// Reads HTTP/1.1 responses with a `Content-Length` off a blocking socket.
private struct ResponseReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 65536)

    init(fd: Int32) {
        self.fd = fd
    }

    /// Reads one response; returns its status.
    mutating func readResponse() throws -> Int {
        var headEnd = try fill { Self.find(crlfcrlf: $0) }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, statusLine.split(separator: " ").count >= 2,
            let status = Int(statusLine.split(separator: " ")[1])
        else { throw LoadGenerator.Failure(description: "bad status line") }
        var length = 0
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].lowercased()
            if name == "content-length" { length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0 }
            if name == "transfer-encoding" {
                throw LoadGenerator.Failure(description: "chunked responses are not supported by the load generator")
            }
        }
        headEnd = try fill { $0.count >= headEnd + length ? headEnd : nil }
        buffer.removeFirst(headEnd + length)
        return status
    }

    /// Reads until `ready` finds what it needs in the buffer.
    private mutating func fill(_ ready: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let found = ready(buffer) { return found }
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else {
                throw LoadGenerator.Failure(description: "the server closed the connection (errno \(errno))")
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    private static func find(crlfcrlf bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
            return index + 1
        }
        return nil
    }
}
