import FlareConfig
import FuzzSupport
import Foundation

/// libFuzzer entry: the input as a wrangler TOML, JSON and JSONC file. Any outcome but a crash,
/// a hang or unbounded memory is a pass (errors are diagnostics).
func fuzzConfig(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    for path in ["/nonexistent/fuzz/wrangler.toml", "/nonexistent/fuzz/wrangler.jsonc"] {
        if let loaded = try? WranglerConfigLoader.load(contents: text, path: path) {
            _ = loaded.diagnostics.render()
        }
    }
    return 0
}

fuzzMain { fuzzConfig($0.baseAddress!, $0.count) }
