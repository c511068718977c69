import Testing

@testable import Swiftflare

struct SwiftflareCommandTests {
    @Test func versionIsSemantic() {
        #expect(SwiftflareCommand.version.split(separator: ".").count == 3)
    }

    @Test func parsesGlobalOptions() throws {
        let options = try GlobalOptions.parse(["--config", "a.toml", "--config", "b.toml", "--env", "dev"])
        #expect(options.configs == ["a.toml", "b.toml"])
        #expect(options.environment == "dev")
    }
}
