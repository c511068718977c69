import NIOCore

/// Who may call the `/cdn-cgi/*` control routes: loopback clients, and hosts named in the
/// options, as Cloudflare's emulator only honours them from localhost or configured hosts.
enum ControlAccess {
    /// Whether `address` is a loopback address (127.0.0.0/8 or ::1).
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let address else { return false }
        switch address {
        case .v4:
            return address.ipAddress?.hasPrefix("127.") ?? false
        case .v6:
            let ip = address.ipAddress ?? ""
            return ip == "::1" || ip.hasPrefix("::ffff:127.")
        case .unixDomainSocket:
            return true
        }
    }

    /// Whether a control request from `address` with `Host: host` is allowed.
    static func allows(address: SocketAddress?, host: String?, extraHosts: Set<String>) -> Bool {
        if isLoopback(address) { return true }
        guard let host else { return false }
        let name = host.split(separator: ":").first.map(String.init) ?? host
        return extraHosts.contains(name)
    }
}
