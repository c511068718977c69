import ArgumentParser

/// `swiftflare verify`: Run the deployment verification checks.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Run the deployment verification checks.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare verify' is not yet available in this build.")
    }
}
