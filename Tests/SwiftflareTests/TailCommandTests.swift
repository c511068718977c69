import FlareRuntime
import Foundation
import Testing

@testable import Swiftflare

struct TailCommandTests {
    @Test func serverSentEventsSplitAcrossChunks() {
        var parser = ServerSentEvents()
        #expect(parser.feed(Data(": swiftflare tail\n\ndata: {\"a\"".utf8)) == [])
        #expect(parser.feed(Data(":1}\n\ndata: é".utf8.dropLast())) == [#"{"a":1}"#])
        #expect(parser.feed(Data([0xA9]) + Data("\n\n".utf8)) == ["é"])
    }

    @Test func rendersPrettyAndJSON() throws {
        let event = RuntimeEvent(
            timestamp: 1_735_689_600_000, kind: .request, worker: "echo", outcome: "200", summary: "GET / 200",
            durationMs: 1.5)
        let json = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
        #expect(try TailCommand.render(json, format: "json") == json)
        #expect(
            try TailCommand.render(json, format: "pretty")
                == "2025-01-01T00:00:00.000Z [echo] request GET / 200 → 200 (1.5 ms)")
    }

    @Test func parsesWorkerFormatAndPort() throws {
        let command = try TailCommand.parse(["echo", "--format", "json", "--port", "9000"])
        #expect(command.worker == "echo" && command.format == "json" && command.server.port == 9000)
        #expect(throws: (any Error).self) { try TailCommand.parse(["--format", "xml"]) }
    }

    @Test func controlQueriesArePercentEncoded() {
        #expect(
            DevServerClient.query([("worker", "a b"), ("cron", "*/5 * * * *"), ("time", nil)])
                == "?worker=a%20b&cron=*/5%20*%20*%20*%20*")
        #expect(DevServerClient.query([("worker", nil)]) == "")
    }
}
