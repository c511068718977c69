import FlareConfig
import FlareRuntime
import FlareWorkerAPI
import Foundation
import Logging

/// What to verify and how: the persist root and configs (offline, the default), or a running dev
/// server (`devServer`), plus the injected world (clock, logger, scratch directory).
public struct VerifyOptions: Sendable {
    /// The persist root `swiftflare dev` used (`.wrangler/state` by default).
    public var persistRoot: URL
    /// The loaded, normalised configs.
    public var configs: [WorkerConfig]
    /// The Swift workers that can run the configs.
    public var registry: WorkerRegistry
    /// A running dev server to read queue, worker and cron state from (`--url`), if any.
    public var devServer: URL?
    /// The HTTP client for `devServer`.
    public var fetcher: (any Fetcher)?
    /// Run the behavioural probes (in a scratch copy; the real state is never written).
    public var runProbes: Bool
    /// `queue-system` only: create missing queues and apply missing D1 migrations.
    public var fix: Bool
    /// The working directory the header prints.
    public var workingDirectory: String
    /// Where scratch copies are made (removed afterwards).
    public var scratchDirectory: URL
    /// The clock: the header's date and the probes' start time.
    public var clock: any FlareClock
    /// Where storage and probe logs go.
    public var logger: Logger

    /// Creates options; only the configs are required.
    public init(
        configs: [WorkerConfig], persistRoot: URL = URL(fileURLWithPath: ".wrangler/state", isDirectory: true),
        registry: WorkerRegistry, devServer: URL? = nil, fetcher: (any Fetcher)? = nil, runProbes: Bool = true,
        fix: Bool = false, workingDirectory: String = FileManager.default.currentDirectoryPath,
        scratchDirectory: URL = FileManager.default.temporaryDirectory, clock: any FlareClock = SystemClock(),
        logger: Logger = Logger(label: "swiftflare.verify")
    ) {
        self.persistRoot = persistRoot
        self.configs = configs
        self.registry = registry
        self.devServer = devServer
        self.fetcher = fetcher
        self.runProbes = runProbes
        self.fix = fix
        self.workingDirectory = workingDirectory
        self.scratchDirectory = scratchDirectory
        self.clock = clock
        self.logger = logger
    }
}
