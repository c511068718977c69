import FlareConfig
import Testing

struct EnvironmentTests {
    static let config = """
        name = "mock-name"
        main = "index.ts"
        compatibility_date = "2024-01-01"
        account_id = "top-account"
        [triggers]
        crons = ["0 * * * *"]
        [limits]
        cpu_ms = 100
        [vars]
        A = "top-a"
        B = "top-b"
        [[d1_databases]]
        binding = "DB"
        database_id = "top-db"
        [[d1_databases]]
        binding = "DB2"
        database_id = "top-db2"
        [[r2_buckets]]
        binding = "BUCKET"
        [[queues.producers]]
        binding = "Q"
        [env.dev]
        compatibility_date = "2024-06-01"
        [env.dev.vars]
        A = "dev-a"
        [[env.dev.d1_databases]]
        binding = "DB"
        database_id = "dev-db"
        [env.prod]
        name = "mock-prod"
        dev = { port = 1 }
        """

    @Test func inheritableKeysFallBackAndNameGetsSuffixed() throws {
        let loaded = try ConfigFixtures.load(text: Self.config, environment: "dev")
        let config = loaded.config
        #expect(config.name == "mock-name-dev")
        #expect(config.environment == "dev")
        #expect(config.compatibilityDate == "2024-06-01")
        #expect(config.accountID == "top-account")
        #expect(config.main?.hasSuffix("/index.ts") == true)
        #expect(config.crons == ["0 * * * *"])
        #expect(config.limits.cpuMs == 100)
        // Not inherited: only what env.dev declares.
        #expect(config.vars == ["A": "dev-a"])
        #expect(config.d1Databases.map(\.storageID) == ["dev-db"])
        #expect(config.r2Buckets.isEmpty)
        #expect(config.queueProducers.isEmpty)
    }

    // TOML tables come sorted by key, so the warnings are in key order.
    @Test func nonInheritedKeysWarnInTheEnvironmentBlock() throws {
        let loaded = try ConfigFixtures.load(text: Self.config, environment: "dev")
        #expect(!loaded.diagnostics.hasErrors)
        let envEntries = loaded.diagnostics.entries.filter { $0.environment == "dev" }
        #expect(
            envEntries.map(\.message) == [
                "\"queues\" exists at the top level, but not on \"env.dev\".\nThis is not what you probably want, since "
                    + "\"queues\" is not inherited by environments.\nPlease add \"queues\" to \"env.dev\".",
                "\"r2_buckets\" exists at the top level, but not on \"env.dev\".\nThis is not what you probably want, "
                    + "since \"r2_buckets\" is not inherited by environments.\nPlease add \"r2_buckets\" to \"env.dev\".",
                "There is a d1_databases binding with name \"DB2\" at the top level, but not on \"env.dev\".\nThis is "
                    + "not what you probably want, since \"d1_databases\" configuration is not inherited by "
                    + "environments.\nPlease add a binding for \"DB2\" to \"env.dev.d1_databases.bindings\".",
                "The following vars exist at the top level, but not on \"env.dev.vars\".\nThis is probably not what you "
                    + "want, since \"vars\" configuration is not inherited by environments.\nPlease add these vars to "
                    + "\"env.dev.vars\":\n- B",
            ])
        #expect(loaded.diagnostics.render().contains("  - \"env.dev\" environment configuration\n    - [WARNING] "))
    }

    @Test func explicitEnvNameWinsAndTopLevelOnlyKeysAreUnexpected() throws {
        let loaded = try ConfigFixtures.load(text: Self.config, environment: "prod")
        #expect(loaded.config.name == "mock-prod")
        #expect(loaded.config.vars.isEmpty)
        let warnings = loaded.diagnostics.entries.filter { $0.environment == "prod" }.map(\.message)
        #expect(warnings.first == "Unexpected fields found in env.prod field: \"dev\"")
    }

    @Test func withoutEnvTheTopLevelIsUsed() throws {
        let loaded = try ConfigFixtures.load(text: Self.config)
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(loaded.config.name == "mock-name")
        #expect(loaded.config.environment == nil)
        #expect(loaded.config.vars == ["A": "top-a", "B": "top-b"])
        #expect(loaded.config.d1Databases.count == 2)
    }

    @Test func unknownEnvIsAnErrorWhenOthersExist() throws {
        let loaded = try ConfigFixtures.load(text: Self.config, environment: "staging")
        #expect(
            loaded.diagnostics.messages(.error) == [
                "No environment found in configuration with name \"staging\".\nBefore using `--env=staging` there "
                    + "should be an equivalent environment section in the configuration.\nThe available configured "
                    + "environment names are: [\"dev\",\"prod\"]\n\nConsider adding an environment configuration "
                    + "section to the wrangler.toml file:\n```\n[env.staging]\n```\n"
            ])
    }

    @Test func unknownEnvIsAWarningWithoutEnvSections() throws {
        let loaded = try ConfigFixtures.load(text: "name = \"w\"\n[vars]\nA = \"1\"", environment: "staging")
        #expect(!loaded.diagnostics.hasErrors)
        #expect(
            loaded.diagnostics.messages(.warning) == [
                "No environment found in configuration with name \"staging\".\nBefore using `--env=staging` there "
                    + "should be an equivalent environment section in the configuration.\n\nConsider adding an "
                    + "environment configuration section to the wrangler.toml file:\n```\n[env.staging]\n```\n"
            ])
        #expect(loaded.config.name == "w")
        #expect(loaded.config.vars == ["A": "1"])
    }

    @Test func buildingVitalsDevelopmentLosesItsBindings() throws {
        let path = ConfigFixtures.repoRoot.appendingPathComponent("wrangler-configs/building-vitals/wrangler.toml").path
        let loaded = try WranglerConfigLoader.load(path: path, environment: "development")
        #expect(!loaded.diagnostics.hasErrors)
        #expect(loaded.config.name == "building-vitals-worker-dev")
        #expect(loaded.config.vars == ["ACE_API_URL": "https://api-staging.ace-iot.com", "ENVIRONMENT": "development"])
        #expect(loaded.config.d1Databases.isEmpty && loaded.config.r2Buckets.isEmpty)
        #expect(loaded.config.queueProducers.isEmpty && loaded.config.queueConsumers.isEmpty)
        #expect(loaded.config.crons == ["0 2 * * *"])
        #expect(loaded.config.limits.cpuMs == 30000)
        let envWarnings = loaded.diagnostics.entries.filter { $0.environment == "development" }.map(\.keyPath)
        #expect(
            envWarnings == [
                "env.development.analytics_engine_datasets", "env.development.d1_databases", "env.development.queues",
                "env.development.r2_buckets",
            ])
    }
}
