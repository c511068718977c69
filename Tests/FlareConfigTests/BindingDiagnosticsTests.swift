import FlareConfig
import Testing

struct BindingDiagnosticsTests {
    @Test func unknownKeysWarnWithTheirPath() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                unexpected = 1
                another = true
                [triggers]
                crons = []
                hourly = true
                [[d1_databases]]
                binding = "DB"
                nmae = "typo"
                [[queues.consumers]]
                queue = "q"
                max_wait_time_ms = 5
                [dev]
                colour = "blue"
                """)
        #expect(!loaded.diagnostics.hasErrors)
        #expect(
            loaded.diagnostics.messages(.warning) == [
                "Unexpected fields found in top-level field: \"another\",\"unexpected\"",
                "Unexpected fields found in d1_databases[0] field: \"nmae\"",
                "Unexpected fields found in queues.consumers[0] field: \"max_wait_time_ms\"",
                "Unexpected fields found in triggers field: \"hourly\"",
                "Unexpected fields found in dev field: \"colour\"",
            ])
        #expect(
            loaded.diagnostics.warnings.map(\.keyPath) == [
                "", "d1_databases[0]", "queues.consumers[0]", "triggers", "dev",
            ])
    }

    @Test func unsupportedBindingsWarnOnceEach() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                ai = { binding = "AI" }
                [[kv_namespaces]]
                binding = "KV1"
                id = "1"
                [[kv_namespaces]]
                binding = "KV2"
                id = "2"
                [durable_objects]
                bindings = [{ name = "COUNTER", class_name = "Counter" }]
                [[services]]
                binding = "AUTH"
                service = "auth"
                """)
        #expect(!loaded.diagnostics.hasErrors)
        #expect(loaded.config.unsupportedBindings == ["kv_namespaces", "durable_objects", "services", "ai"])
        #expect(
            loaded.diagnostics.messages(.warning) == [
                "\"kv_namespaces\" bindings (\"KV1\",\"KV2\") are not supported by swiftflare: they are ignored and "
                    + "will be missing from env.",
                "\"durable_objects\" bindings (\"COUNTER\") are not supported by swiftflare: they are ignored and will "
                    + "be missing from env.",
                "\"services\" bindings (\"AUTH\") are not supported by swiftflare: they are ignored and will be missing "
                    + "from env.",
                "\"ai\" bindings (\"AI\") are not supported by swiftflare: they are ignored and will be missing from env.",
            ])
    }

    @Test func duplicateBindingNamesAreErrors() throws {
        let loaded = try ConfigFixtures.load(
            text: """
                name = "w"
                [vars]
                SHARED = "x"
                [[d1_databases]]
                binding = "DB"
                [[d1_databases]]
                binding = "DB"
                [[r2_buckets]]
                binding = "SHARED"
                [[queues.producers]]
                binding = "SHARED"
                """)
        let tail =
            " bindings.\nBindings must have unique names, so that they can all be referenced in the worker.\n"
            + "Please change your bindings to have unique names."
        #expect(
            loaded.diagnostics.messages(.error) == [
                "SHARED assigned to Environment Variable, R2 Bucket, and Queue" + tail,
                "DB assigned to multiple D1 Database" + tail,
            ])
        #expect(loaded.diagnostics.errors.map(\.keyPath) == ["SHARED", "DB"])
    }
}
