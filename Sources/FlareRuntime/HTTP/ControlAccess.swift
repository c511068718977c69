import NIOCore

/// Who may call the `/cdn-cgi/*` control routes: loopback clients that name a loopback host, and
/// hosts named in the options, as Cloudflare's emulator only honours them from localhost or
/// configured hosts.
///
/// A loopback peer alone is not enough: a web page on another origin can make the browser reach
/// 127.0.0.1 under its own name (DNS rebinding) or send a cross-origin request, so the `Host` and
/// any `Origin` must name loopback (or a configured host) too.
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

    /// Whether a control request from `address` with `Host: host` (and `Origin: origin`, when the
    /// client sent one) is allowed.
    static func allows(address: SocketAddress?, host: String?, origin: String? = nil, extraHosts: Set<String>) -> Bool {
        guard let host, let name = hostName(ofAuthority: host) else { return false }
        let configured = extraHosts.contains(name)
        guard configured || (isLoopback(address) && isLoopbackName(name)) else { return false }
        guard let origin else { return true }
        guard let originName = hostName(ofOrigin: origin) else { return false }
        return isLoopbackName(originName) || extraHosts.contains(originName)
    }

    /// Whether a host name is `localhost`, a `*.localhost` name, a 127.0.0.0/8 address or `::1`.
    static func isLoopbackName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") || lower == "::1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The host of an authority (`name[:port]` or `[v6][:port]`), lowercased; `nil` when malformed.
    static func hostName(ofAuthority authority: String) -> String? {
        let text = authority.lowercased()
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && UInt16(rest.dropFirst()) != nil) else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 2, UInt16(parts[1]) == nil { return nil }
        return String(first)
    }

    /// The host of an `Origin` (`scheme://authority`); `nil` for `null` or a malformed origin.
    static func hostName(ofOrigin origin: String) -> String? {
        guard let range = origin.range(of: "://") else { return nil }
        let authority = origin[range.upperBound...]
        guard !authority.contains("/"), !authority.contains("@") else { return nil }
        return hostName(ofAuthority: String(authority))
    }
}
