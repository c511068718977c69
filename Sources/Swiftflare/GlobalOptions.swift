import ArgumentParser

/// Options every command accepts, as wrangler's global flags.
public struct GlobalOptions: ParsableArguments {
    /// Config files to load (repeatable); default: every config under `wrangler-configs/`.
    @Option(name: .customLong("config"), help: "A wrangler config file (repeatable).")
    public var configs: [String] = []

    /// The environment (`[env.NAME]`) to select.
    @Option(name: .customLong("env"), help: "The environment to use ([env.NAME]).")
    public var environment: String?

    /// Where local state lives.
    @Option(name: .customLong("persist-to"), help: "The persist root (default: .wrangler/state).")
    public var persistTo: String?

    /// The log level.
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    public var logLevel: String = "info"

    /// Creates the options (argument parser requirement).
    public init() {}
}
