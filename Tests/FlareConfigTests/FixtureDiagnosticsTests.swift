import FlareConfig
import Testing

/// The older seed variants kept as fixtures, each with the exact diagnostics it must give.
struct FixtureDiagnosticsTests {
    @Test func mainBranchConsumerBindsDBConsumerWithoutDiagnostics() throws {
        // Valid config; the mismatch (the code reads env.DB) shows at run time as a missing binding.
        let loaded = try ConfigFixtures.load("coinswarm/consumer-main.toml")
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(loaded.config.d1Databases.map(\.binding) == ["DB_CONSUMER"])
        #expect(loaded.config.observability == ObservabilityConfig())
        #expect(loaded.config.queueConsumers.first?.maxConcurrency == 5)
    }

    @Test func observabilityLogsArrayOfTablesWarns() throws {
        let loaded = try ConfigFixtures.load("coinswarm/consumer-observability-logs-array.toml")
        #expect(!loaded.diagnostics.hasErrors)
        #expect(
            loaded.diagnostics.messages(.warning) == [
                "Unexpected fields found in observability field: \"0\"\n\"observability.logs\" is an array of tables "
                    + "([[observability.logs]]) but must be a single table: write [observability.logs] instead. Its "
                    + "settings ({\"enabled\":true,\"invocation_logs\":true}) are ignored."
            ])
        #expect(loaded.diagnostics.warnings.map(\.keyPath) == ["observability.logs"])
        #expect(loaded.config.observability == ObservabilityConfig(enabled: true, headSamplingRate: 1))
        #expect(loaded.config.d1Databases.first?.databaseName == "coinswarm-evolution")
    }

    @Test func mainBranchProducerHasPlaceholderVarsAndNoCron() throws {
        let loaded = try ConfigFixtures.load("coinswarm/producer-main.toml")
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(loaded.config.crons.isEmpty)
        #expect(loaded.config.d1Databases.map(\.binding) == ["DB_PRODUCER"])
        #expect(
            loaded.config.vars == [
                "COINGECKO": "YOUR_COINGECKO_KEY", "CRYPTOCOMPARE_API_KEY": "YOUR_CRYPTOCOMPARE_KEY",
            ])
    }

    @Test func deletedCombinedQueueFileHasStrayTriggerKeys() throws {
        let loaded = try ConfigFixtures.load("coinswarm/wrangler-historical-queue.toml")
        #expect(
            loaded.diagnostics.entries == [
                Diagnostics.Entry(
                    severity: .warning, keyPath: "triggers",
                    message: "Unexpected fields found in triggers field: \"compatibility_date\",\"main\",\"name\"")
            ])
        let config = loaded.config
        #expect(config.name == "historical-data-queue-producer")
        #expect(config.crons == ["*/15 * * * *"])
        #expect(config.d1Databases.map(\.binding) == ["DB_PRODUCER", "DB_CONSUMER"])
        #expect(config.d1Databases.map(\.databaseName) == ["coinswarm-db", "coinswarm-db"])
        // Both producer and consumer of the same queue.
        #expect(config.queueProducers.map(\.queue) == ["historical-data-queue"])
        #expect(config.queueConsumers.map(\.queue) == ["historical-data-queue"])
    }

    @Test func twoDocumentVersionIsNotTOML() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigFixtures.load("coinswarm/wrangler-historical-queue-two-documents.toml")
        }
        #expect(error?.line == 23)
        #expect(error?.message.contains("expected '='") == true)
    }

    @Test func collectionCronIsValid() throws {
        let loaded = try ConfigFixtures.load("coinswarm/wrangler-historical-collection-cron.toml")
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(loaded.config.crons == ["0 * * * *"])
        #expect(loaded.config.vars == ["DAYS_PER_RUN": "30", "YEARS_TO_COLLECT": "5"])
        #expect(loaded.config.d1Databases.first?.databaseID == "ac4629b2-8240-4378-b3e3-e5262cd9b285")
    }

    @Test func mainBranchImportWorker() throws {
        let loaded = try ConfigFixtures.load("coinswarm/import-main.toml")
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(loaded.config.compatibilityFlags == ["python_workers", "python_dedicated_snapshots"])
        #expect(loaded.config.d1Databases.first?.databaseName == "history")
        #expect(loaded.config.queueProducers.isEmpty)
    }

    @Test func importWorkerWithNameInsteadOfDatabaseName() throws {
        let loaded = try ConfigFixtures.load("coinswarm/import-d1-name-key.toml")
        #expect(
            loaded.diagnostics.entries == [
                Diagnostics.Entry(
                    severity: .warning, keyPath: "d1_databases[0]",
                    message: "Unexpected fields found in d1_databases[0] field: \"name\"")
            ])
        #expect(loaded.config.d1Databases.first?.databaseName == nil)
    }

    @Test func buildingVitalsRootConfigWarnsAboutKVAndAnalytics() throws {
        let loaded = try ConfigFixtures.load("building-vitals/root-wrangler.toml")
        #expect(!loaded.diagnostics.hasErrors)
        #expect(loaded.config.unsupportedBindings == ["kv_namespaces", "analytics_engine_datasets"])
        #expect(loaded.diagnostics.warnings.map(\.keyPath) == ["kv_namespaces", "analytics_engine_datasets"])
        #expect(loaded.config.dev == DevConfig(port: 8787, localProtocol: "http"))
        #expect(loaded.config.vars.count == 14)
        let staging = try ConfigFixtures.load("building-vitals/root-wrangler.toml", environment: "staging")
        #expect(staging.config.name == "ace-iot-timeseries-staging")
        #expect(staging.config.r2Buckets == [R2BucketConfig(binding: "BUCKET", bucketName: "ace-timeseries-staging")])
        #expect(staging.config.vars == ["LOG_LEVEL": "debug", "ENABLE_ARCHIVE_WORKER": "false"])
        #expect(staging.config.d1Databases.isEmpty)
        #expect(
            staging.diagnostics.entries.filter { $0.environment == "staging" }.map(\.keyPath) == [
                "env.staging.analytics_engine_datasets", "env.staging.d1_databases", "env.staging.kv_namespaces",
                "env.staging.vars",
            ])
    }

    @Test func documentedSnippetUsesTheTimeseriesBucket() throws {
        let loaded = try ConfigFixtures.load("building-vitals/documented-snippet.toml")
        #expect(!loaded.diagnostics.hasErrors)
        #expect(loaded.config.r2Buckets.first?.storageName == "building-vitals-timeseries")
        #expect(loaded.config.queueConsumers.first?.deadLetterQueue == nil)
        #expect(loaded.config.unsupportedBindings == ["analytics_engine_datasets"])
    }
}
