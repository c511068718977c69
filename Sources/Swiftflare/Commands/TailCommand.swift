import ArgumentParser
import FlareRuntime
import Foundation

/// `swiftflare tail [WORKER]`: streams a running `swiftflare dev`'s events (requests, batches,
/// scheduled runs, worker logs), as `wrangler tail` does for a deployed worker.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Stream a running emulator's events.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var server: DevServerOptions

    @Argument(help: "Only this worker's events.")
    var worker: String?

    @Option(help: "pretty (one line per event) or json (one object per line).")
    var format: String = "pretty"

    func validate() throws {
        guard format == "pretty" || format == "json" else {
            throw ValidationError("--format must be pretty or json")
        }
    }

    func run() async throws {
        let client = server.client
        let response = try await client.send("/cdn-cgi/local/tail\(DevServerClient.query([("worker", worker)]))")
        guard response.ok else { throw CronCommand.fail(try await response.body.text()) }
        FileHandle.standardError.write(
            Data("Tailing \(worker ?? "every worker") at \(client.baseURL) (Ctrl-C to stop)\n".utf8))
        var parser = ServerSentEvents()
        for try await chunk in response.body.chunks() {
            for data in parser.feed(chunk) {
                // Unbuffered: `tail > file` or `| grep` must see each event as it happens.
                FileHandle.standardOutput.write(Data((try Self.render(data, format: format) + "\n").utf8))
            }
        }
    }

    /// One event's `data:` payload as a pretty line or compact JSON.
    static func render(_ data: String, format: String) throws -> String {
        guard format == "pretty" else { return data }
        return try JSONDecoder().decode(RuntimeEvent.self, from: Data(data.utf8)).prettyLine
    }
}

/// Splits a `text/event-stream` into the `data:` payloads of its events.
struct ServerSentEvents {
    // Bytes, not text: a chunk may end inside a UTF-8 sequence.
    private var buffer: [UInt8] = []

    /// Adds bytes; returns the payloads of the events they complete.
    mutating func feed(_ chunk: Data) -> [String] {
        buffer.append(contentsOf: chunk)
        var payloads: [String] = []
        while let end = Self.blankLine(in: buffer) {
            let event = String(decoding: buffer[..<end], as: UTF8.self)
            buffer.removeFirst(end + 2)
            let data = event.split(separator: "\n").filter { $0.hasPrefix("data:") }.map {
                $0.dropFirst(5).drop(while: { $0 == " " })
            }
            if !data.isEmpty { payloads.append(data.joined(separator: "\n")) }
        }
        return payloads
    }

    private static func blankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        return (0..<(bytes.count - 1)).first { bytes[$0] == 10 && bytes[$0 + 1] == 10 }
    }
}
