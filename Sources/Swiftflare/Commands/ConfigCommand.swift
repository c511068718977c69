import ArgumentParser

/// `swiftflare config`: configuration commands.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check wrangler configs.",
        subcommands: [Check.self]
    )
}

extension ConfigCommand {
    /// `swiftflare config check`: print normalised bindings and diagnostics.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each worker's normalised bindings and all diagnostics (exit 1 on errors)."
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            throw ValidationError("'swiftflare config check' is not yet available in this build.")
        }
    }
}
