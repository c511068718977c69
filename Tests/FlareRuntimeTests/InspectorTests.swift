import FlareConfig
import FlareTesting
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Testing

@testable import FlareRuntime

/// The inspector's JSON API (`/cdn-cgi/local/api/…`) and page, through `Emulator.control` as the
/// dev server calls it, on real bindings under a temporary persist root and a manual clock.
struct InspectorTests {
    static let configs = [
        """
        name = "producer"
        [[queues.producers]]
        binding = "OUT"
        queue = "jobs"
        """,
        """
        name = "consumer"
        [[d1_databases]]
        binding = "DB"
        database_name = "jobs-db"
        database_id = "inspector-db"
        [[r2_buckets]]
        binding = "FILES"
        bucket_name = "inspector-files"
        [[queues.consumers]]
        queue = "jobs"
        max_batch_size = 10
        max_batch_timeout = 5
        """,
        // No queue() handler: every delivery fails, so messages are dead-lettered after one attempt.
        """
        name = "echo"
        [triggers]
        crons = ["*/15 * * * *"]
        [[queues.consumers]]
        queue = "poison"
        max_batch_size = 1
        max_batch_timeout = 1
        max_retries = 0
        dead_letter_queue = "poison-dlq"
        """,
    ]

    static func with(_ body: (TestEmulator) async throws -> Void) async throws {
        let configs = try configs.enumerated().map { index, toml in
            try EmulatorTests.config(toml, file: "inspector-\(index).toml")
        }
        var options = RuntimeOptions()
        options.cronEnabled = false
        try await TestEmulator.with(
            configs: configs, workers: EmulatorTests.workers, fetcher: OfflineFetcher(), options: options, body)
    }

    /// Calls a control route; `target` is the path after `/cdn-cgi/local/`, with an optional query.
    static func call(
        _ emulator: TestEmulator, _ target: String, method: HTTPRequest.Method = .get, body: String? = nil
    ) async -> WorkerResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        let query = Dictionary(
            QueryString.parse(parts.count > 1 ? parts[1] : nil).map { ($0.name, $0.value) },
            uniquingKeysWith: { first, _ in first })
        return await emulator.emulator.control(
            method: method, path: "/cdn-cgi/local/\(parts[0])", query: query, body: body.map { Data($0.utf8) })
    }

    static func json(
        _ emulator: TestEmulator, _ target: String, method: HTTPRequest.Method = .get, body: String? = nil,
        status: Int = 200
    ) async throws -> JSONValue {
        let response = await call(emulator, target, method: method, body: body)
        #expect(response.status.code == status, "\(method.rawValue) \(target)")
        return try await response.body.json()
    }

    static func queue(_ name: String, in list: JSONValue) -> JSONValue? {
        list.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    @Test func queuesShowDepthsThroughputAndPeekedMessages() async throws {
        try await Self.with { emulator in
            _ = try await Self.json(
                emulator, "api/queues/jobs/send", method: .post, body: "{\"n\":1}\n{\"n\":2}\n\"three\"")
            let waiting = try await Self.json(emulator, "api/queues")
            #expect(Self.queue("jobs", in: waiting)?["backlog"] == 3)
            #expect(Self.queue("jobs", in: waiting)?["consumer"]?["maxBatchSize"] == 10)
            #expect(Self.queue("jobs", in: waiting)?["throughput"]?.arrayValue?.allSatisfy { $0 == 0 } == true)

            let peeked = try await Self.json(emulator, "api/queues/jobs/messages?limit=2")
            #expect(peeked.arrayValue?.count == 2)
            #expect(peeked.arrayValue?.first?["body"] == ["n": 1])
            #expect(peeked.arrayValue?.first?["failedAttempts"] == 0)
            #expect(peeked.arrayValue?.first?["nextDelivery"] == .int(emulator.clock.nowMilliseconds()))

            await emulator.advance(by: 5)  // the batch timeout
            let delivered = try await Self.json(emulator, "api/queues")
            #expect(Self.queue("jobs", in: delivered)?["backlog"] == 0)
            let series = Self.queue("jobs", in: delivered)?["throughput"]?.arrayValue ?? []
            #expect(series.count == 30 && series.last == 3)
        }
    }

    @Test func deadLetteredMessagesAreCountedAndRedriven() async throws {
        try await Self.with { emulator in
            _ = try await Self.json(emulator, "api/queues/poison/send", method: .post, body: "null")
            await emulator.advance(by: 1)
            let listed = try await Self.json(emulator, "api/queues")
            #expect(Self.queue("poison", in: listed)?["deadLetterDepth"] == 1)
            #expect(Self.queue("poison", in: listed)?["deadLetterQueue"] == "poison-dlq")
            #expect(Self.queue("poison-dlq", in: listed)?["backlog"] == 1)

            _ = try await Self.json(emulator, "api/queues/poison/pause", method: .post)
            let moved = try await Self.json(emulator, "api/queues/poison-dlq/redrive", method: .post)
            #expect(moved == ["moved": 1, "queue": "poison"])
            let after = try await Self.json(emulator, "api/queues")
            #expect(Self.queue("poison", in: after)?["backlog"] == 1)
            #expect(Self.queue("poison", in: after)?["paused"] == true)
            #expect(Self.queue("poison-dlq", in: after)?["backlog"] == 0)
        }
    }

    @Test func d1TablesRowsConsoleAndExport() async throws {
        try await Self.with { emulator in
            let created = try await Self.json(
                emulator, "api/d1/inspector-db/query", method: .post,
                body: "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);\n"
                    + "INSERT INTO items (name) VALUES ('a'), ('b'), ('c');\nSELECT name FROM items ORDER BY id DESC")
            #expect(created["statements"] == 3)
            #expect(created["results"]?.arrayValue?.last?["rows"] == [["c"], ["b"], ["a"]])

            let databases = try await Self.json(emulator, "api/d1")
            let database = databases.arrayValue?.first { $0["id"] == "inspector-db" }
            #expect(database?["tables"]?["items"] == 3)
            #expect(database?["bindings"] == ["consumer.DB (jobs-db)"])

            let page = try await Self.json(emulator, "api/d1/inspector-db/tables/items?offset=1&limit=1")
            #expect(page["columns"] == ["id", "name"])
            #expect(page["rows"] == [[2, "b"]])
            #expect(page["total"] == 3)

            // The same errors as `wrangler d1 execute --command`.
            let failed = try await Self.json(
                emulator, "api/d1/inspector-db/query", method: .post, body: "SELECT * FROM missing", status: 400)
            #expect(failed["error"] == "D1_ERROR: no such table: missing: SQLITE_ERROR")
            _ = try await Self.json(emulator, "api/d1/inspector-db/tables/missing", status: 404)

            let export = await Self.call(emulator, "api/d1/inspector-db/export")
            let dump = try await export.body.text()
            #expect(dump.contains("CREATE TABLE items"))
            #expect(dump.contains("INSERT INTO \"items\" (\"id\",\"name\") VALUES(3,'c');"))
        }
    }

    @Test func r2ListingMetadataContentUploadAndDelete() async throws {
        try await Self.with { emulator in
            let text = String(repeating: "swiftflare ", count: 400)
            _ = try await Self.json(
                emulator, "api/r2/inspector-files/object?key=docs/a.txt&contentType=text/plain", method: .put,
                body: text)
            _ = try await Self.json(emulator, "api/r2/inspector-files/object?key=top.json", method: .put, body: "{}")

            let buckets = try await Self.json(emulator, "api/r2")
            #expect(buckets.arrayValue?.first?["bucket"] == "inspector-files")
            #expect(buckets.arrayValue?.first?["objects"] == 2)
            #expect(buckets.arrayValue?.first?["logicalBytes"] == .int(Int64(text.utf8.count + 2)))

            let top = try await Self.json(emulator, "api/r2/inspector-files?delimiter=/")
            #expect(top["prefixes"] == ["docs/"])
            #expect(top["objects"]?.arrayValue?.map { $0["key"] } == ["top.json"])

            let meta = try await Self.json(emulator, "api/r2/inspector-files/meta?key=docs/a.txt")
            #expect(meta["size"] == .int(Int64(text.utf8.count)))
            #expect(meta["contentType"] == "text/plain")
            // Repetitive text is stored Brotli-compressed: stored size below the logical size.
            #expect((meta["storedSize"]?.int64Value ?? .max) < Int64(text.utf8.count))
            #expect(meta["encoding"] == "br")

            let content = await Self.call(emulator, "api/r2/inspector-files/content?key=docs/a.txt")
            #expect(content.header("content-type") == "text/plain")
            #expect(try await content.body.text() == text)

            _ = try await Self.json(emulator, "api/r2/inspector-files/object?key=docs/a.txt", method: .delete)
            _ = try await Self.json(emulator, "api/r2/inspector-files/meta?key=docs/a.txt", status: 404)
        }
    }

    @Test func cronsWorkersAndRecentLogs() async throws {
        try await Self.with { emulator in
            let crons = try await Self.json(emulator, "api/crons?count=2")
            #expect(crons["clock"] == "manual")
            #expect(crons["now"] == "2025-01-01T00:00:00Z")
            #expect(
                crons["triggers"] == [
                    [
                        "worker": "echo", "cron": "*/15 * * * *",
                        "next": ["2025-01-01T00:15:00Z", "2025-01-01T00:30:00Z"],
                    ]
                ])
            let advanced = try await Self.json(emulator, "api/crons/advance?seconds=60", method: .post)
            #expect(advanced == ["now": "2025-01-01T00:01:00Z"])

            let workers = try await Self.json(emulator, "api/workers")
            #expect(workers.arrayValue?.map { $0["name"] } == ["producer", "consumer", "echo"])
            #expect(workers.arrayValue?[1]["bindings"] == ["DB (D1 database)", "FILES (R2 bucket)"])

            _ = await emulator.fetch("/warn", worker: "echo")
            let warnings = try await Self.json(emulator, "api/logs/recent?worker=echo&level=warning")
            #expect(warnings.arrayValue?.map { $0["summary"] } == ["echo was asked for /warn"])
            let all = try await Self.json(emulator, "api/logs/recent?worker=echo")
            #expect(all.arrayValue?.contains { $0["kind"] == "request" } == true)
        }
    }

    @Test func pageRendersEverySectionAndEscapesNames() async throws {
        try await Self.with { emulator in
            let hostile = "<img src=x onerror=alert(1)>"
            _ = try await Self.json(
                emulator, "api/d1/inspector-db/query", method: .post, body: "CREATE TABLE \"\(hostile)\" (x)")
            let page = await Self.call(emulator, "inspector")
            #expect(page.header("content-type") == "text/html;charset=UTF-8")
            let html = try await page.body.text()
            for section in ["queues", "d1", "r2", "crons", "workers"] {
                #expect(html.contains("<section id=\"\(section)\""))
            }
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!html.contains(hostile))
            #expect(!html.contains("src=\"http"))  // no external assets

            let fragment = try await Self.call(emulator, "inspector/fragment/queues").body.text()
            #expect(fragment.contains("<tr data-queue=\"jobs\""))
            #expect(fragment.contains("<svg class=\"spark\""))
            #expect(await Self.call(emulator, "inspector/fragment/nope").status.code == 404)
            #expect(await Self.call(emulator, "api/nope").status.code == 404)
            let unknown = try await Self.json(emulator, "api/queues/nope", status: 400)
            #expect(unknown == ["error": "Queue \"nope\" does not exist."])
        }
    }
}

/// The page's text helpers and the log filter.
struct InspectorHelperTests {
    @Test func escapeReplacesEveryMarkupCharacter() {
        #expect(
            HTML.escape(#"<a href="x" title='y'>&amp;</a>"#)
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(HTML.escape("plain café ✓") == "plain café ✓")
    }

    @Test func sizesAndSparklines() {
        #expect(HTML.bytes(512) == "512 B")
        #expect(HTML.bytes(1536) == "1.5 KiB")
        #expect(HTML.bytes(3 * 1024 * 1024) == "3.0 MiB")
        let svg = HTML.sparkline([0, 5, 10], width: 100, height: 24)
        #expect(svg.contains("points=\"0.0,22.0 50.0,12.0 100.0,2.0\""))
        #expect(svg.contains("15 delivered, peak 10"))
    }

    @Test func filterByWorkerAndLeastSevereLevel() {
        let log = RuntimeEvent(
            timestamp: 0, kind: .log, worker: "a", outcome: "warning", summary: "w", level: "warning")
        let request = RuntimeEvent(timestamp: 0, kind: .request, worker: "b", outcome: "200", summary: "GET / 200")
        let failed = RuntimeEvent(timestamp: 0, kind: .batch, worker: "b", outcome: "exception", summary: "q: 1")
        #expect(EventFilter(worker: "a").matches(log))
        #expect(!EventFilter(worker: "a").matches(request))
        #expect(EventFilter(minimumLevel: "warning").matches(log))
        #expect(!EventFilter(minimumLevel: "warning").matches(request))
        #expect(EventFilter(minimumLevel: "ERROR").matches(failed))
        #expect(EventFilter(query: ["worker": "", "level": ""]).matches(request))
    }

    @Test func throughputKeepsFixedWindows() {
        let throughput = QueueThroughput(windowSeconds: 10, windowCount: 3)
        throughput.record(queue: "q", messages: 2, at: 1_000)
        throughput.record(queue: "q", messages: 3, at: 9_999)
        throughput.record(queue: "q", messages: 4, at: 25_000)
        #expect(throughput.series(queue: "q", now: 29_000) == [5, 0, 4])
        #expect(throughput.series(queue: "q", now: 45_000) == [4, 0, 0])
        #expect(throughput.series(queue: "other", now: 29_000) == [0, 0, 0])
    }
}
