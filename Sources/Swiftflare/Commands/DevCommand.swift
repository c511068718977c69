import ArgumentParser

/// `swiftflare dev`: Run the emulator and serve the workers.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Run the emulator and serve the workers.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare dev' is not yet available in this build.")
    }
}
