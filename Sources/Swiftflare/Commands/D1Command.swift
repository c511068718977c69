import ArgumentParser

/// `swiftflare d1`: Manage local D1 databases.
struct D1Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "d1", abstract: "Manage local D1 databases.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare d1' is not yet available in this build.")
    }
}
