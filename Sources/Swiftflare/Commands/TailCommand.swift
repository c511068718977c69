import ArgumentParser

/// `swiftflare tail`: Stream a running emulator's events.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Stream a running emulator's events.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare tail' is not yet available in this build.")
    }
}
