import ArgumentParser

/// `swiftflare bench`: Run the benchmark suites.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Run the benchmark suites.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw ValidationError("'swiftflare bench' is not yet available in this build.")
    }
}
