import ArgumentParser

/// `swiftflare queues`: Inspect and control local queues.
struct QueuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues", abstract: "Inspect and control local queues.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare queues' is not yet available in this build.")
    }
}
