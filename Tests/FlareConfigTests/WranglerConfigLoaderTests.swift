import FlareConfig
import FlareTesting
import Foundation
import Testing

struct WranglerConfigLoaderTests {
    @Test func loadsEveryShippedConfigWithoutErrors() throws {
        let directory = ConfigFixtures.repoRoot.appendingPathComponent("wrangler-configs").path
        let configs = WranglerConfigLoader.discoverConfigs(in: directory)
        #expect(
            configs.map { ($0 as NSString).lastPathComponent } == [
                "wrangler.toml", "wrangler-historical-queue-consumer.toml", "wrangler-historical-queue-producer.toml",
                "wrangler_historical_import.toml",
            ])
        for path in configs {
            let loaded = try WranglerConfigLoader.load(path: path)
            #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.render())")
            #expect(!loaded.config.name.isEmpty)
        }
    }

    @Test func shippedCoinswarmConsumerHasTheSeedSettings() throws {
        let path = ConfigFixtures.repoRoot.appendingPathComponent(
            "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml"
        ).path
        let loaded = try WranglerConfigLoader.load(path: path)
        let config = loaded.config
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(config.name == "historical-data-queue-consumer")
        #expect(
            config.d1Databases == [
                D1DatabaseConfig(
                    binding: "DB", databaseName: "pyswarm-cccagg", databaseID: "b37495a5-d7dc-4104-afab-4a9805eb5461",
                    migrationsDir: ConfigFixtures.repoRoot.appendingPathComponent(
                        "wrangler-configs/coinswarm/migrations"
                    )
                    .path)
            ])
        #expect(
            config.queueConsumers == [
                QueueConsumerConfig(
                    queue: "historical-data-queue", maxBatchSize: 100, maxBatchTimeout: 5, maxRetries: 3,
                    deadLetterQueue: "historical-data-dlq", maxConcurrency: 5),
                QueueConsumerConfig(queue: "historical-data-dlq", maxBatchSize: 100, maxBatchTimeout: 5, maxRetries: 0),
            ])
        #expect(config.limits == LimitsConfig(cpuMs: 30000))
        #expect(config.observability == ObservabilityConfig(enabled: true, headSamplingRate: 1, logsEnabled: true))
    }

    @Test func shippedImportWorkerKeepsItsKeyOutOfVars() throws {
        let path = ConfigFixtures.repoRoot.appendingPathComponent(
            "wrangler-configs/coinswarm/wrangler_historical_import.toml"
        ).path
        let config = try WranglerConfigLoader.load(path: path).config
        #expect(config.vars.isEmpty)
        #expect(config.secrets.isEmpty)  // .dev.vars.example is never read
        #expect(config.compatibilityFlags == ["python_workers"])
        #expect(
            config.queueProducers == [QueueProducerConfig(binding: "HISTORICAL_QUEUE", queue: "historical-data-queue")])
        let example = try String(
            contentsOf: ConfigFixtures.repoRoot.appendingPathComponent("wrangler-configs/coinswarm/.dev.vars.example"),
            encoding: .utf8)
        #expect(DevVarsParser.parse(example) == ["CRYPTOCOMPARE_API_KEY": "your-cryptocompare-api-key"])
    }

    @Test func discoversOnlyWranglerFilesSorted() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let files = [
            "b/wrangler.toml", "a/wrangler-x.jsonc", "a/wrangler.json", "a/other.toml", ".hidden/wrangler.toml",
        ]
        for file in files {
            let url = root.url.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "".write(to: url, atomically: true, encoding: .utf8)
        }
        let found = WranglerConfigLoader.discoverConfigs(in: root.path)
        #expect(found == ["a/wrangler-x.jsonc", "a/wrangler.json", "b/wrangler.toml"].map { root.path + "/" + $0 })
    }

    @Test func unreadableFileThrowsConfigError() throws {
        let error = #expect(throws: ConfigError.self) {
            try WranglerConfigLoader.load(path: "/nonexistent/wrangler.toml")
        }
        #expect(error?.file == "/nonexistent/wrangler.toml")
        #expect(error?.message == "Could not read the configuration file.")
    }

    @Test func invalidTOMLThrowsWithLineAndColumn() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigFixtures.load("coinswarm/wrangler-historical-queue-two-documents.toml")
        }
        #expect(error?.line == 23)
        #expect(error?.column != nil)
        #expect(error?.description.contains("wrangler-historical-queue-two-documents.toml:23:") == true)
    }

    @Test func invalidJSONThrows() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigFixtures.load(text: "{ \"name\": }", fileName: "wrangler.json")
        }
        #expect(error?.message.hasPrefix("Invalid JSON") == true)
    }

    @Test func otherExtensionsAreEmptyConfigs() throws {
        let loaded = try ConfigFixtures.load(text: "whatever", fileName: "wrangler.yaml")
        #expect(loaded.diagnostics.messages(.error) == ["\"name\" is a required field."])
    }
}

extension WranglerConfigLoaderTests {
    @Test func loadsContentsAsIfAtAPath() throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try "TOKEN=abc".write(to: root.url.appendingPathComponent(".dev.vars"), atomically: true, encoding: .utf8)
        let path = root.url.appendingPathComponent("wrangler.jsonc").path
        let loaded = try WranglerConfigLoader.load(
            contents: "{ \"name\": \"inline\", // comment\n \"d1_databases\": [{ \"binding\": \"DB\" },] }", path: path)
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(loaded.config.configPath == path)
        #expect(loaded.config.secrets == ["TOKEN": "abc"])
        #expect(loaded.config.d1Databases.first?.migrationsDir == root.url.appendingPathComponent("migrations").path)
    }
}
