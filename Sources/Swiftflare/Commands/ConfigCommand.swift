import ArgumentParser
import FlareConfig
import Foundation

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
            let configs =
                global.configs.isEmpty ? WranglerConfigLoader.discoverConfigs(in: "wrangler-configs") : global.configs
            guard !configs.isEmpty else {
                throw ValidationError(
                    "No wrangler config found: pass --config FILE or add configs under wrangler-configs/.")
            }
            // CLOUDFLARE_ENV is equivalent to --env, as in wrangler.
            let environment = global.environment ?? ProcessInfo.processInfo.environment["CLOUDFLARE_ENV"]
            let cwd = FileManager.default.currentDirectoryPath
            var failed = false
            for (index, path) in configs.enumerated() {
                if index > 0 { print("") }
                do {
                    let loaded = try WranglerConfigLoader.load(path: path, environment: environment)
                    print(ConfigSummary(loaded, relativeTo: cwd).render())
                    failed = failed || loaded.diagnostics.hasErrors
                } catch let error as ConfigError {
                    print("\(path)\n  [ERROR] \(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
