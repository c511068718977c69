import FlareConfig
import Testing

struct JSONCTests {
    @Test func commentsAndTrailingCommasAreAllowed() throws {
        let loaded = try ConfigFixtures.load("cases/wrangler.jsonc")
        #expect(loaded.diagnostics.entries.isEmpty, "\(loaded.diagnostics.render())")
        let config = loaded.config
        #expect(config.name == "jsonc-worker")
        #expect(
            config.vars == [
                "URL": "https://example.com/a//b", "TRICKY": "not /* a comment */ either,]", "LIMIT": "10",
                "NESTED": "{\"a\":[1,2]}",
            ])
        #expect(config.d1Databases.map(\.storageID) == ["id-1"])
        #expect(
            config.queueConsumers == [QueueConsumerConfig(queue: "q", maxBatchSize: 7, maxBatchTimeout: 2.5)])
    }

    @Test func plainJSONUsesTheSameRules() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                {"name": "json-worker", "workers_dev": true, "queues": {"consumers": [{"queue": "q", "max_batch_size": 500}]}}
                """, fileName: "wrangler.json")
        #expect(loaded.config.workersDev == true)
        #expect(loaded.diagnostics.errors.map(\.keyPath) == ["queues.consumers[0].max_batch_size"])
    }

    @Test func parseErrorsPointAtTheOriginalLine() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigFixtures.load(
                text: "// header\n{\n  \"name\": \"w\", /* note */\n  \"vars\": [1 2]\n}", fileName: "wrangler.jsonc")
        }
        #expect(error?.line == 4)
        #expect(error?.column == 14)
    }

    @Test func topLevelMustBeAnObject() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigFixtures.load(text: "[1, 2]", fileName: "wrangler.json")
        }
        #expect(error?.message == "The configuration must be a JSON object but got [1,2].")
    }
}
