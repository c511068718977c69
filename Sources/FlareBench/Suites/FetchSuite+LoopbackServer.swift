import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension FetchSuite {
    /// A minimal keep-alive HTTP/1.1 server on 127.0.0.1 (ephemeral port) answering every request
    /// with the same body: the "upstream" both `CurlFetcher` and the `curl` command hit.
    final class LoopbackServer: Sendable {
        let port: Int
        private let socket: Int32
        private let response: Data
        private let open = Mutex((fds: [Int32](), stopped: false))

        init(body: Data) throws {
            var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            head += "Content-Length: \(body.count)\r\n\r\n"
            response = Data(head.utf8) + body
            let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && listen(fd, 128) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            guard ok else {
                close(fd)
                throw POSIXError(.EADDRNOTAVAIL)
            }
            socket = fd
            port = Int(UInt16(bigEndian: address.sin_port))
            Thread { [self] in acceptLoop() }.start()
        }

        var url: String { "http://127.0.0.1:\(port)/bench" }

        func stop() {
            open.withLock { state in
                state.stopped = true
                for fd in state.fds { shutdown(fd, Int32(SHUT_RDWR)) }
            }
            shutdown(socket, Int32(SHUT_RDWR))
        }

        private func acceptLoop() {
            while true {
                let client = accept(socket, nil, nil)
                let accepted =
                    client >= 0
                    && open.withLock { state -> Bool in
                        if !state.stopped { state.fds.append(client) }
                        return !state.stopped
                    }
                guard accepted else {
                    if client >= 0 { close(client) }
                    close(socket)
                    return
                }
                Thread { [self] in serve(client) }.start()
            }
        }

        /// Answers each request whose head (`\r\n\r\n`) has arrived; request bodies are not expected.
        private func serve(_ fd: Int32) {
            defer {
                open.withLock { $0.fds.removeAll { $0 == fd } }
                close(fd)
            }
            var buffer = [UInt8](repeating: 0, count: 16384)
            var pending: [UInt8] = []
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                pending.append(contentsOf: buffer[0..<count])
                while let end = Self.headEnd(pending) {
                    pending.removeFirst(end)
                    let sent = response.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    guard sent == response.count else { return }
                }
            }
        }

        private static func headEnd(_ bytes: [UInt8]) -> Int? {
            guard bytes.count >= 4 else { return nil }
            for index in 3..<bytes.count
            where bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
                return index + 1
            }
            return nil
        }
    }
}
