import FlareConfig
import FlareQueues

/// Everything the checks look at, gathered once (from the persist root and configs, or from a
/// running dev server) so that each check is a pure function of it.
public struct DeploymentFacts: Sendable {
    /// What was read, for the INFO lines (`persist root /p/.wrangler/state`, `dev server http://…`).
    public var source: String
    /// Where the queue state came from (the broker file, or the control route).
    public var queueSource: String
    /// The loaded configs.
    public var configs: [WorkerConfig]
    /// Config names with a Swift worker to run them (registered, or running on the dev server).
    public var runnableWorkers: Set<String>
    /// Whether any queue state exists (a broker database, or a reachable dev server).
    public var queueStateFound: Bool
    /// The broker's queues.
    public var queues: [QueueInfo]
    /// Whether the queue figures come from a live process (consumers attached right now).
    public var live: Bool
    /// Cron triggers per worker (from the configs, or the dev server's scheduler).
    public var crons: [String: [String]]
    /// The consumer's database.
    public var database: DatabaseFacts
    /// The behavioural probes (`nil`: not run).
    public var probe: ProbeResult?

    /// Creates facts.
    public init(
        source: String, queueSource: String, configs: [WorkerConfig], runnableWorkers: Set<String>,
        queueStateFound: Bool, queues: [QueueInfo], live: Bool, crons: [String: [String]], database: DatabaseFacts,
        probe: ProbeResult? = nil
    ) {
        self.source = source
        self.queueSource = queueSource
        self.configs = configs
        self.runnableWorkers = runnableWorkers
        self.queueStateFound = queueStateFound
        self.queues = queues
        self.live = live
        self.crons = crons
        self.database = database
        self.probe = probe
    }

    /// The config named `name`.
    public func config(_ name: String) -> WorkerConfig? {
        configs.first { $0.name == name }
    }

    /// The broker's figures for `queue`.
    public func queue(_ name: String) -> QueueInfo? {
        queues.first { $0.name == name }
    }
}
