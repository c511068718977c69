import FlareConfig
import Testing

struct ConfigSummaryTests {
    @Test func consumerSummaryShowsBindingAndQueueSettings() throws {
        let loaded = try WranglerConfigLoader.load(
            path: ConfigFixtures.repoRoot.appendingPathComponent(
                "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml"
            ).path)
        let text = ConfigSummary(loaded, relativeTo: ConfigFixtures.repoRoot.path).render()
        #expect(
            text == """
                historical-data-queue-consumer  (wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml)
                  main: wrangler-configs/coinswarm/historical-data-queue-consumer.ts
                  compatibility date: 2024-01-01
                  vars: (none)
                  secrets: (none)
                  bindings:
                    D1 DB: database pyswarm-cccagg, id b37495a5-d7dc-4104-afab-4a9805eb5461, migrations wrangler-configs/coinswarm/migrations (table d1_migrations)
                    queue consumer historical-data-queue: batch 100, timeout 5, retries 3, DLQ historical-data-dlq, concurrency 5, retry delay 0
                    queue consumer historical-data-dlq: batch 100, timeout 5, retries 0, DLQ none, concurrency 1 (unset), retry delay 0
                  limits: cpu_ms 30000
                  observability: enabled true, head sampling rate 1, logs true
                  no diagnostics
                """)
    }

    @Test func secretValuesAreNeverPrinted() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [vars]
                PUBLIC = "shown-value"
                [[r2_buckets]]
                binding = "BUCKET"
                bucket_name = "my-bucket"
                [[queues.producers]]
                binding = "Q"
                queue = "jobs"
                [triggers]
                crons = ["*/5 * * * *"]
                """,
            extraFiles: [".dev.vars": "API_KEY=super-secret-value"])
        let text = ConfigSummary(loaded).render()
        #expect(text.contains("    PUBLIC = shown-value"))
        #expect(text.contains("    API_KEY = (hidden)"))
        #expect(!text.contains("super-secret-value"))
        #expect(text.contains("    R2 BUCKET: bucket my-bucket"))
        #expect(text.contains("    queue producer Q: queue jobs"))
        #expect(text.contains("    cron */5 * * * *"))
    }

    @Test func diagnosticsAreRenderedAfterTheBindings() throws {
        let loaded = try ConfigFixtures.load("cases/max-batch-size-500.toml")
        let text = ConfigSummary(loaded).render()
        #expect(
            text.hasSuffix(
                "configuration:\n  - [ERROR] \"queues.consumers[0].max_batch_size\" should be between 0 and 100 but "
                    + "got 500."))
    }
}
