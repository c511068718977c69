import FlareConfig
import FlareTesting
import Foundation
import Testing

/// Malformed and hostile wrangler configs: each is a clear error, never a crash.
struct HostileConfigTests {
    /// Whether loading `text` as `file` ends in an error (thrown or diagnosed); crashing fails the run.
    static func isRefused(_ text: String, file: String = "/tmp/swiftflare-hostile/wrangler.toml") -> Bool {
        do {
            return try WranglerConfigLoader.load(contents: text, path: file).diagnostics.hasErrors
        } catch {
            return error is ConfigError
        }
    }

    /// Found by `FuzzConfig` (Fuzz/Crashers/FuzzConfig/crash-1ab0d9c5…): a `[` header followed by
    /// `,` made toml++ abort the process on an assertion.
    @Test func fuzzCrasherIsAParseError() throws {
        let crasher = """
            name = "w"
            main = "x.ts"
            [[queues.consumers]]
            queue = "q"
            max_batch_size = 10
            [triggers]
            crons = ["*/5 * * * *"]
            [vars]
            A = "1"
            [, "env": {"dev": {"vars": { "b
            database_id = "x"

            """
        let error = try #require(throws: ConfigError.self) {
            try WranglerConfigLoader.load(contents: crasher, path: "/tmp/swiftflare-hostile/wrangler.toml")
        }
        #expect(error.line == 10)
        #expect(error.message.contains("table header"))
    }

    @Test(arguments: [
        "[,]", "[ ,]", "[[,]]", "[\n", "[[\n", "[[[a]]]", "a = 1\n[,\n", "[\r\nx = 1", "  [=]",
        "[\u{FFFD}d1_databases]]", "[é]",
    ])
    func headersWithoutAKeyAreParseErrors(_ text: String) {
        #expect(Self.isRefused(text))
    }

    @Test func bracketsInsideValuesStringsAndCommentsStillParse() throws {
        let text = #"""
            name = "w"
            [vars]
            A = "[,"
            B = '[,'  # [,
            C = """
            [,
            ["""
            D = '''
            [,
            '''
            E = "\"[,"
            [[d1_databases]]
            binding = "DB"
            database_id = "x"
            [ "quoted key" ]
            list = [
            [1, 2],
            [{ a = 1 }],
            ]
            """#
        let loaded = try WranglerConfigLoader.load(contents: text, path: "/tmp/swiftflare-hostile/wrangler.toml")
        #expect(loaded.config.name == "w")
        #expect(loaded.config.vars["C"] == "[,\n[")
        #expect(loaded.config.d1Databases.map(\.binding) == ["DB"])
    }

    @Test func deepNestingHugeArraysDuplicateTablesAndWrongTypesAreRefused() {
        #expect(Self.isRefused("name = \"x\"\nv = " + String(repeating: "[", count: 100_000)))
        #expect(Self.isRefused("name = \"x\"\nv = " + String(repeating: "{a=", count: 10_000)))
        #expect(
            Self.isRefused(
                #"{"name":"x","vars":"# + String(repeating: "[", count: 100_000),
                file: "/tmp/swiftflare-hostile/wrangler.jsonc"))
        #expect(Self.isRefused("name = \"x\"\n[vars]\nA = 1\n[vars]\nB = 2\n"))
        #expect(
            Self.isRefused(
                #"{"name": 5, "main": [], "d1_databases": {"a": 1}, "r2_buckets": [1, null]}"#,
                file: "/tmp/swiftflare-hostile/wrangler.json"))
        let crons = Array(repeating: "\"* * * * *\"", count: 20_000).joined(separator: ",")
        #expect(!Self.isRefused("name = \"x\"\n[triggers]\ncrons = [\(crons)]\n"))
    }

    @Test func invalidUTF8IsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("wrangler.toml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0xFE, 0x22, 0x0A]).write(to: file)
        var refused = false
        do {
            refused = try WranglerConfigLoader.load(path: file.path).diagnostics.hasErrors
        } catch {
            refused = error is ConfigError
        }
        #expect(refused)
    }
}
