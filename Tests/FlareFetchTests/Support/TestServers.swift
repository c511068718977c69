import Foundation

/// The routes the fetch tests use.
enum TestServers {
    static let text = String(repeating: "swiftflare fetch over libcurl. ", count: 200)

    static func standard() throws -> LoopbackServer {
        try LoopbackServer { request in
            switch request.path {
            case "/echo":
                var lines = ["method=\(request.method)", "target=\(request.target)"]
                for (name, value) in request.headers { lines.append("header.\(name.lowercased())=\(value)") }
                lines.append("body=\(String(decoding: request.body, as: UTF8.self))")
                return .text(lines.joined(separator: "\n"))
            case "/status/404":
                return .text("not here", status: 404)
            case "/redirect":
                return LoopbackResponse(status: 302, reason: "Found", headers: [("Location", "/echo?from=redirect")])
            case "/see-other":
                return LoopbackResponse(status: 303, reason: "See Other", headers: [("Location", "/echo")])
            case "/slow":
                return LoopbackResponse(chunks: [Data("late".utf8)], delay: 2)
            case "/gzip":
                return LoopbackResponse(
                    headers: [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
                    chunks: [Compression.gzip(Data(text.utf8))])
            case "/br":
                return LoopbackResponse(
                    headers: [("Content-Type", "text/plain"), ("Content-Encoding", "br")],
                    chunks: [Compression.brotli(Data(text.utf8))])
            case "/json":
                return LoopbackResponse(
                    headers: [("Content-Type", "application/json"), ("X-Upstream", "loopback")],
                    chunks: [Data(#"{"Response":"Success","Data":{"Data":[{"time":1700000000,"close":1.5}]}}"#.utf8)])
            default:
                return .text("no route \(request.path)", status: 404)
            }
        }
    }
}
