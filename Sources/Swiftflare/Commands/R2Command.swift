import ArgumentParser

/// `swiftflare r2`: Manage local R2 buckets and objects.
struct R2Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "r2", abstract: "Manage local R2 buckets and objects.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare r2' is not yet available in this build.")
    }
}
