import ArgumentParser
import Foundation
import Testing

@testable import Swiftflare

struct ConfigCheckTests {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func coinswarmConsumerPasses() async throws {
        let path = Self.repoRoot.appendingPathComponent(
            "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml"
        ).path
        let command = try ConfigCommand.Check.parse(["--config", path])
        try await command.run()
    }

    @Test func outOfRangeBatchSizeExitsWithOne() async throws {
        let path = Self.repoRoot.appendingPathComponent(
            "Tests/FlareConfigTests/Fixtures/cases/max-batch-size-500.toml"
        ).path
        let command = try ConfigCommand.Check.parse(["--config", path])
        let error = await #expect(throws: ExitCode.self) { try await command.run() }
        #expect(error == ExitCode(1))
    }

    @Test func unparsableConfigExitsWithOne() async throws {
        let path = Self.repoRoot.appendingPathComponent(
            "Tests/FlareConfigTests/Fixtures/coinswarm/wrangler-historical-queue-two-documents.toml"
        ).path
        let command = try ConfigCommand.Check.parse(["--config", path])
        await #expect(throws: ExitCode.self) { try await command.run() }
    }
}
