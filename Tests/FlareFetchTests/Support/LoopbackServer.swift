import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A request as the loopback server parsed it.
struct LoopbackRequest: Sendable {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]
    var body: Data

    var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// What the loopback server answers.
struct LoopbackResponse: Sendable {
    var status = 200
    var reason = "OK"
    var headers: [(name: String, value: String)] = []
    /// Body chunks; with `chunked` each goes out as one HTTP chunk.
    var chunks: [Data] = []
    var chunked = false
    /// Waited on (up to 5 s) after the first chunk: lets a test prove the body streams.
    var gate: DispatchSemaphore?
    /// Wait this long before answering (timeout tests).
    var delay: Double = 0

    static func text(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> LoopbackResponse {
        LoopbackResponse(
            status: status, reason: status == 200 ? "OK" : "Status",
            headers: [("Content-Type", "text/plain")] + headers.map { (name: $0.0, value: $0.1) },
            chunks: [Data(text.utf8)])
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for the fetch tests: one thread
/// accepts, one thread per connection serves keep-alive requests.
final class LoopbackServer: Sendable {
    let port: Int
    private let socket: Int32
    private let handler: @Sendable (LoopbackRequest) -> LoopbackResponse
    // A pthread-backed lock rather than `Synchronization.Mutex`: ThreadSanitizer cannot see the
    // futex that orders `Mutex` on Linux and reported accesses under it as races.
    private let state = LockedState((connections: 0, requests: 0, open: [Int32](), stopped: false))

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var connectionCount: Int { state.withLock { $0.connections } }
    var requestCount: Int { state.withLock { $0.requests } }

    init(handler: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse) throws {
        self.handler = handler
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// A port nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
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
        guard ok else { throw POSIXError(.EADDRINUSE) }
        // Bound but never listening: connecting is refused.
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Stops accepting and resets open connections. The accept thread closes the listening socket
    /// itself, and connection threads deregister before closing, so no fd number is used after reuse.
    func stop() {
        state.withLock { state in
            state.stopped = true
            for fd in state.open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0, !state.withLock({ $0.stopped }) else {
                if client >= 0 { close(client) }
                close(socket)
                return
            }
            state.withLock { state in
                state.connections += 1
                state.open.append(client)
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var buffer = Data()
        defer {
            state.withLock { $0.open.removeAll { $0 == fd } }
            close(fd)
        }
        while let request = readRequest(fd, buffer: &buffer) {
            state.withLock { $0.requests += 1 }
            let response = handler(request)
            if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
            guard write(fd, response: response, head: request.method == "HEAD") else { return }
        }
    }

    private func readRequest(_ fd: Int32, buffer: inout Data) -> LoopbackRequest? {
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard receive(fd, into: &buffer) else { return nil }
        }
        let headEnd = buffer.range(of: separator)!
        let head = String(decoding: buffer[buffer.startIndex..<headEnd.lowerBound], as: UTF8.self)
        buffer = Data(buffer[headEnd.upperBound...])
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0
        while buffer.count < length {
            guard receive(fd, into: &buffer) else { return nil }
        }
        let body = Data(buffer.prefix(length))
        buffer = Data(buffer.dropFirst(length))
        return LoopbackRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func receive(_ fd: Int32, into buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func write(_ fd: Int32, response: LoopbackResponse, head: Bool) -> Bool {
        var text = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        let total = response.chunks.reduce(0) { $0 + $1.count }
        text += response.chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: \(total)\r\n"
        text += "\r\n"
        guard send(fd, Data(text.utf8)) else { return false }
        if head { return true }
        for (index, chunk) in response.chunks.enumerated() {
            if response.chunked {
                var framed = Data((String(chunk.count, radix: 16) + "\r\n").utf8)
                framed.append(chunk)
                framed.append(contentsOf: "\r\n".utf8)
                guard send(fd, framed) else { return false }
            } else {
                guard send(fd, chunk) else { return false }
            }
            if index == 0, let gate = response.gate { _ = gate.wait(timeout: .now() + 5) }
        }
        if response.chunked { return send(fd, Data("0\r\n\r\n".utf8)) }
        return true
    }

    private func send(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }
}
