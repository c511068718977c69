import FlareConfig
import Foundation
import Testing

struct NormalizationTests {
    @Test func normalisesIdentityKeys() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "my-worker_1"
                main = "src/../src/index.ts"
                compatibility_date = "2024-02-29"
                compatibility_flags = ["nodejs_compat"]
                account_id = "abc"
                workers_dev = false
                preview_urls = true
                routes = ["example.com/*", { pattern = "api.example.com/*", zone_name = "example.com" }]
                """)
        let config = loaded.config
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(config.name == "my-worker_1")
        #expect(config.main?.hasSuffix("/src/index.ts") == true)
        #expect(config.main?.hasPrefix("/") == true)
        #expect(config.compatibilityDate == "2024-02-29")
        #expect(config.compatibilityFlags == ["nodejs_compat"])
        #expect(config.accountID == "abc")
        #expect(config.workersDev == false)
        #expect(config.routes == ["example.com/*", "api.example.com/*"])
        #expect(config.configPath.hasSuffix("/wrangler.toml"))
    }

    @Test func singleRouteAndBothRouteKeys() throws {
        let one = try ConfigFixtures.load(text: "name = \"w\"\nroute = \"example.com/*\"")
        #expect(one.config.routes == ["example.com/*"])
        let both = try ConfigFixtures.load(text: "name = \"w\"\nroute = \"a/*\"\nroutes = [\"b/*\"]")
        #expect(
            both.diagnostics.messages(.error) == [
                "Expected exactly one of the following fields [\"routes\",\"route\"]."
            ])
    }

    @Test func invalidNameAndCompatibilityDate() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "My Worker"
                compatibility_date = "2024-02-30"
                compatibility_flags = "nodejs_compat"
                workers_dev = "yes"
                """)
        #expect(
            loaded.diagnostics.messages(.error) == [
                "Expected \"name\" to be of type string, alphanumeric and lowercase with dashes only but got \"My Worker\".",
                "\"compatibility_date\" field should be a valid ISO-8601 date (YYYY-MM-DD), but got \"2024-02-30\".",
                "Expected \"compatibility_flags\" to be of type string array but got \"nodejs_compat\".",
                "Expected \"workers_dev\" to be of type boolean but got \"yes\".",
            ])
        #expect(
            loaded.diagnostics.errors.map(\.keyPath) == [
                "name", "compatibility_date", "compatibility_flags", "workers_dev",
            ])
    }

    @Test func compatibilityDateWithEnDashes() throws {
        let loaded = try ConfigFixtures.load(text: "name = \"w\"\ncompatibility_date = \"2024\u{2013}01\u{2013}01\"")
        #expect(
            loaded.diagnostics.messages(.error) == [
                "\"compatibility_date\" field should use ISO-8601 accepted hyphens (-) rather than en-dashes (\u{2013}) or "
                    + "em-dashes (\u{2014})."
            ])
    }

    @Test func varsKeepStringsAndJSONText() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [vars]
                TEXT = "hello"
                NUMBER = 42
                RATIO = 0.5
                FLAG = true
                LIST = [1, "two"]
                OBJECT = { a = 1, b = { c = "d" } }
                """)
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(
            loaded.config.vars == [
                "TEXT": "hello", "NUMBER": "42", "RATIO": "0.5", "FLAG": "true", "LIST": "[1,\"two\"]",
                "OBJECT": "{\"a\":1,\"b\":{\"c\":\"d\"}}",
            ])
    }

    @Test func tomlDatesInVarsAreErrors() throws {
        let loaded = try ConfigFixtures.load(text: "name = \"w\"\n[vars]\nSTART = 2025-12-19\nOK = \"x\"")
        #expect(
            loaded.diagnostics.messages(.error) == [
                "The field \"vars.START\" is a TOML date, which is not supported. Please use a string instead, e.g. "
                    + "START = \"2025-12-19\"."
            ])
        #expect(loaded.diagnostics.errors.first?.keyPath == "vars.START")
        #expect(loaded.config.vars == ["OK": "x"])
    }

    @Test func varsMustBeAnObject() throws {
        let loaded = try ConfigFixtures.load(text: "name = \"w\"\nvars = [1]")
        #expect(loaded.diagnostics.messages(.error) == ["The field \"vars\" should be an object but got [1]."])
    }

    @Test func d1DatabasesResolveMigrationsDir() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [[d1_databases]]
                binding = "DB"
                database_name = "db"
                database_id = "id-1"
                preview_database_id = "preview-1"
                migrations_dir = "sql/migrations"
                migrations_table = "my_migrations"

                [[d1_databases]]
                binding = "OTHER"
                """)
        #expect(loaded.diagnostics.entries.isEmpty)
        let directory = (loaded.config.configPath as NSString).deletingLastPathComponent
        #expect(
            loaded.config.d1Databases == [
                D1DatabaseConfig(
                    binding: "DB", databaseName: "db", databaseID: "id-1", previewDatabaseID: "preview-1",
                    migrationsDir: directory + "/sql/migrations", migrationsTable: "my_migrations"),
                D1DatabaseConfig(binding: "OTHER", migrationsDir: directory + "/migrations"),
            ])
        #expect(loaded.config.d1Databases[1].storageID == "OTHER")
    }

    @Test func d1TypeErrors() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [[d1_databases]]
                database_name = "db"
                [[d1_databases]]
                binding = "DB"
                database_name = true
                [[d1_databases]]
                binding = "DB2"
                database_id = 5
                """)
        #expect(
            loaded.diagnostics.messages(.error) == [
                "\"d1_databases[0]\" bindings should have a string \"binding\" field but got {\"database_name\":\"db\"}.",
                "\"d1_databases[1]\" bindings should, optionally, have a string \"database_name\" field but got "
                    + "{\"binding\":\"DB\",\"database_name\":true}.",
                "\"d1_databases[2]\" bindings must have a \"database_id\" field but got {\"binding\":\"DB2\",\"database_id\":5}.",
            ])
        #expect(
            loaded.diagnostics.errors.map(\.keyPath) == [
                "d1_databases[0].binding", "d1_databases[1].database_name", "d1_databases[2].database_id",
            ])
    }

    @Test func r2BucketsAndNameRules() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [[r2_buckets]]
                binding = "CACHE"
                bucket_name = "building-vitals-cache"
                preview_bucket_name = "cache-preview"
                jurisdiction = "eu"
                [[r2_buckets]]
                binding = "RAW"
                [[r2_buckets]]
                binding = "BAD"
                bucket_name = "INVALID-NAME"
                preview_bucket_name = "INVALID-NAME"
                """)
        #expect(
            loaded.config.r2Buckets == [
                R2BucketConfig(
                    binding: "CACHE", bucketName: "building-vitals-cache", previewBucketName: "cache-preview",
                    jurisdiction: "eu"),
                R2BucketConfig(binding: "RAW"),
                R2BucketConfig(binding: "BAD"),
            ])
        let rule =
            " is invalid. Bucket names must begin and end with an alphanumeric character, only contain lowercase "
            + "letters, numbers, and hyphens, and be between 3 and 63 characters long."
        #expect(
            loaded.diagnostics.messages(.error) == [
                "r2_buckets[2].bucket_name=\"INVALID-NAME\"" + rule,
                "r2_buckets[2].preview_bucket_name= \"INVALID-NAME\"" + rule,
            ])
    }

    @Test func triggersLimitsObservabilityAndDev() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [triggers]
                crons = ["*/30 * * * *", "0 2 * * *"]
                [limits]
                cpu_ms = 30000
                subrequests = 50
                [observability]
                enabled = true
                head_sampling_rate = 0.5
                [observability.logs]
                enabled = false
                invocation_logs = true
                [dev]
                ip = "127.0.0.1"
                port = 8787
                local_protocol = "http"
                """)
        #expect(loaded.diagnostics.entries.isEmpty)
        #expect(loaded.config.crons == ["*/30 * * * *", "0 2 * * *"])
        #expect(loaded.config.limits == LimitsConfig(cpuMs: 30000, subrequests: 50))
        #expect(
            loaded.config.observability
                == ObservabilityConfig(enabled: true, headSamplingRate: 0.5, logsEnabled: false, invocationLogs: true))
        #expect(loaded.config.dev == DevConfig(ip: "127.0.0.1", port: 8787, localProtocol: "http"))
    }

    @Test func settingsTypeErrors() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [triggers]
                crons = "* * * * *"
                [limits]
                cpu_ms = "lots"
                [observability]
                enabled = "INVALID"
                [dev]
                local_protocol = "ftp"
                """)
        #expect(
            loaded.diagnostics.messages(.error) == [
                "Expected \"triggers.crons\" to be of type string array but got \"* * * * *\".",
                "Expected \"observability.enabled\" to be of type boolean but got \"INVALID\".",
                "Expected \"limits.cpu_ms\" to be of type number but got \"lots\".",
                "Expected \"dev.local_protocol\" field to be one of [\"http\",\"https\"] but got \"ftp\".",
            ])
    }

    @Test func missingNameIsAnError() throws {
        let loaded = try ConfigFixtures.load(text: "main = \"index.ts\"")
        #expect(loaded.diagnostics.errors.map(\.keyPath) == ["name"])
        #expect(loaded.diagnostics.messages(.error) == ["\"name\" is a required field."])
        #expect(loaded.config.name == "")
    }
}
