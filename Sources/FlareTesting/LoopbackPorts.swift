import Foundation

/// Free TCP ports on 127.0.0.1 for socket tests. A port is free when asked; another process could
/// still take it before the test binds it.
public enum LoopbackPorts {
    /// A port the kernel reports free (bind to port 0, read the port back).
    /// - Throws: `CocoaError` when no socket can be bound.
    public static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw CocoaError(.featureUnsupported) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port `p` such that `p ..< p + count` are all free (the dev server takes consecutive ports).
    /// - Throws: `CocoaError` when 20 random tries found no such range.
    public static func freeRange(_ count: Int) throws -> Int {
        for _ in 0..<20 {
            let base = Int.random(in: 20_000..<60_000)
            if (base..<base + count).allSatisfy(isFree) { return base }
        }
        throw CocoaError(.featureUnsupported)
    }

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: port)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
