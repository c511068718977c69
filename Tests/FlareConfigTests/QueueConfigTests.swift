import FlareConfig
import Testing

struct QueueConfigTests {
    @Test func consumersGetMiniflareDefaults() throws {
        let loaded = try ConfigFixtures.load(text: "name = \"w\"\n[[queues.consumers]]\nqueue = \"q\"")
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(
            loaded.config.queueConsumers == [
                QueueConsumerConfig(queue: "q", maxBatchSize: 5, maxBatchTimeout: 1, maxRetries: 2, retryDelay: 0)
            ])
    }

    @Test func everyConsumerAndProducerField() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [[queues.producers]]
                binding = "Q"
                queue = "jobs"
                [[queues.producers]]
                binding = "SAME_NAME"
                [[queues.consumers]]
                queue = "jobs"
                type = "worker"
                max_batch_size = 100
                max_batch_timeout = 2.5
                max_retries = 10
                dead_letter_queue = "jobs-dlq"
                max_concurrency = 250
                retry_delay = 86400
                visibility_timeout_ms = 30000
                """)
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(
            loaded.config.queueProducers == [
                QueueProducerConfig(binding: "Q", queue: "jobs"),
                QueueProducerConfig(binding: "SAME_NAME", queue: "SAME_NAME"),
            ])
        #expect(
            loaded.config.queueConsumers == [
                QueueConsumerConfig(
                    queue: "jobs", maxBatchSize: 100, maxBatchTimeout: 2.5, maxRetries: 10, deadLetterQueue: "jobs-dlq",
                    maxConcurrency: 250, retryDelay: 86400, visibilityTimeoutMs: 30000)
            ])
    }

    @Test(arguments: [
        ("max_batch_size = 500", "max_batch_size", "0 and 100", "500"),
        ("max_batch_size = -1", "max_batch_size", "0 and 100", "-1"),
        ("max_batch_timeout = 61", "max_batch_timeout", "0 and 60", "61"),
        ("max_retries = 101", "max_retries", "0 and 100", "101"),
        ("retry_delay = 86401", "retry_delay", "0 and 86400", "86401"),
        ("max_concurrency = 0", "max_concurrency", "1 and 250", "0"),
        ("max_concurrency = 251", "max_concurrency", "1 and 250", "251"),
    ])
    func outOfRangeValuesAreErrorsNamingTheKeyPath(line: String, key: String, bounds: String, got: String) throws {
        let loaded = try ConfigFixtures.load(text: "name = \"w\"\n[[queues.consumers]]\nqueue = \"q\"\n\(line)")
        #expect(loaded.diagnostics.hasErrors)
        #expect(loaded.diagnostics.errors.map(\.keyPath) == ["queues.consumers[0].\(key)"])
        #expect(
            loaded.diagnostics.messages(.error) == [
                "\"queues.consumers[0].\(key)\" should be between \(bounds) but got \(got)."
            ])
    }

    @Test func maxBatchSize500FixtureFails() throws {
        let loaded = try ConfigFixtures.load("cases/max-batch-size-500.toml")
        #expect(loaded.diagnostics.errors.map(\.keyPath) == ["queues.consumers[0].max_batch_size"])
        #expect(loaded.diagnostics.render().contains("queues.consumers[0].max_batch_size"))
    }

    @Test func wranglerTypeErrorsQuoteTheWholeEntry() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [[queues.producers]]
                queue = "q"
                [[queues.producers]]
                binding = "P"
                queue = ""
                [[queues.consumers]]
                max_batch_size = 1
                [[queues.consumers]]
                queue = "q"
                max_batch_size = "ten"
                dead_letter_queue = 3
                type = "http_pull"
                max_retries = 1.5
                """)
        #expect(
            loaded.diagnostics.messages(.error) == [
                "\"queues.producers[0]\" bindings should have a string \"binding\" field but got {\"queue\":\"q\"}.",
                "\"queues.producers[1]\" bindings should optionally have a non-empty string \"queue\" field but got "
                    + "{\"binding\":\"P\",\"queue\":\"\"}.",
                "\"queues.consumers[0]\" should have a string \"queue\" field but got {\"max_batch_size\":1}.",
                "\"queues.consumers[1].type\" has an invalid value \"http_pull\". Only \"worker\" consumers can be "
                    + "configured in your Wrangler configuration.",
                "\"queues.consumers[1]\" should, optionally, have a number \"max_batch_size\" field but got "
                    + "{\"dead_letter_queue\":3,\"max_batch_size\":\"ten\",\"max_retries\":1.5,\"queue\":\"q\",\"type\":\"http_pull\"}.",
                "\"queues.consumers[1].max_retries\" should be a whole number but got 1.5.",
                "\"queues.consumers[1]\" should, optionally, have a string \"dead_letter_queue\" field but got "
                    + "{\"dead_letter_queue\":3,\"max_batch_size\":\"ten\",\"max_retries\":1.5,\"queue\":\"q\",\"type\":\"http_pull\"}.",
            ])
    }

    @Test func queuesShapeErrorsAndUnknownFields() throws {
        let notObject = try ConfigFixtures.load(text: "name = \"w\"\nqueues = []")
        #expect(notObject.diagnostics.messages(.error) == ["The field \"queues\" should be an object but got []."])
        let consumersNotArray = try ConfigFixtures.load(
            text: "{\"name\": \"w\", \"queues\": {\"consumers\": null, \"invalidField\": 1}}", fileName: "wrangler.json"
        )
        #expect(
            consumersNotArray.diagnostics.messages(.warning) == [
                "Unexpected fields found in queues field: \"invalidField\""
            ])
        #expect(
            consumersNotArray.diagnostics.messages(.error) == [
                "The field \"queues.consumers\" should be an array but got null."
            ])
    }

    @Test func deliveryDelayIsDeprecatedAndDLQCannotBeItself() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [[queues.producers]]
                binding = "Q"
                queue = "q"
                delivery_delay = 5
                [[queues.consumers]]
                queue = "q"
                dead_letter_queue = "q"
                """)
        #expect(
            loaded.diagnostics.messages(.warning) == [
                "The \"delivery_delay\" field in \"queues.producers[0]\" is deprecated and has no effect. Queue-level "
                    + "settings should be configured using \"wrangler queues update\" instead. This setting will be "
                    + "removed in a future version."
            ])
        #expect(loaded.config.queueProducers.first?.deliveryDelay == 5)
        #expect(loaded.diagnostics.messages(.error) == ["Dead letter queue for queue \"q\" cannot be itself"])
    }
}
