import ArgumentParser

/// `swiftflare fixtures`: Recorded upstream API fixtures.
struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures", abstract: "Recorded upstream API fixtures.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare fixtures' is not yet available in this build.")
    }
}
