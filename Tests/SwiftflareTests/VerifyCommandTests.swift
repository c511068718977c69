import ArgumentParser
import Testing

@testable import Swiftflare

struct VerifyCommandTests {
    @Test func defaultsToTheDeploymentSuiteOffline() throws {
        let command = try VerifyCommand.parse([])
        #expect(command.suite == "deployment")
        #expect(command.url == nil)
        #expect(!command.json && !command.noColor && !command.fix && !command.noProbe)
    }

    @Test func acceptsTheQueueSystemSuiteWithFix() throws {
        let command = try VerifyCommand.parse(["--suite", "queue-system", "--fix", "--json", "--no-color"])
        #expect(command.suite == "queue-system")
        #expect(command.fix && command.json && command.noColor)
    }

    @Test func rejectsAnUnknownSuite() {
        #expect(throws: (any Error).self) { try VerifyCommand.parse(["--suite", "bogus"]) }
    }

    @Test func fixNeedsTheQueueSystemSuite() {
        #expect(throws: (any Error).self) { try VerifyCommand.parse(["--fix"]) }
    }
}
