/// A wrangler config after loading and normalising for one environment: every field is
/// non-optional or explicitly optional by meaning, defaults are filled in, and the bindings are
/// typed. Produced by `WranglerConfigLoader` together with ``Diagnostics``.
public struct WorkerConfig: Sendable, Equatable {
    /// The worker's name (with `-<env>` appended when inherited under `--env`).
    public var name: String
    /// The absolute path of the config file this came from.
    public var configPath: String
    /// The environment selected with `--env`, if any.
    public var environment: String?
    /// The entry point (`main`), resolved against the config's directory.
    public var main: String?
    /// `compatibility_date`.
    public var compatibilityDate: String?
    /// `compatibility_flags`.
    public var compatibilityFlags: [String]
    /// `account_id`.
    public var accountID: String?
    /// `workers_dev`.
    public var workersDev: Bool?
    /// `routes` / `route` patterns.
    public var routes: [String]
    /// `[vars]`; values that are not strings hold their JSON text.
    public var vars: [String: String]
    /// Secrets from `.dev.vars` / `.dev.vars.<env>` / `.env` (never printed).
    public var secrets: [String: String]
    /// `[[d1_databases]]`.
    public var d1Databases: [D1DatabaseConfig]
    /// `[[r2_buckets]]`.
    public var r2Buckets: [R2BucketConfig]
    /// `[[queues.producers]]`.
    public var queueProducers: [QueueProducerConfig]
    /// `[[queues.consumers]]`.
    public var queueConsumers: [QueueConsumerConfig]
    /// `[triggers] crons`.
    public var crons: [String]
    /// `[observability]`.
    public var observability: ObservabilityConfig
    /// `[limits]`.
    public var limits: LimitsConfig
    /// `[dev]`.
    public var dev: DevConfig
    /// Binding kinds present in the file that the emulator does not support (e.g. `kv_namespaces`).
    public var unsupportedBindings: [String]

    /// Creates a config; every parameter has the normalised default.
    public init(
        name: String,
        configPath: String,
        environment: String? = nil,
        main: String? = nil,
        compatibilityDate: String? = nil,
        compatibilityFlags: [String] = [],
        accountID: String? = nil,
        workersDev: Bool? = nil,
        routes: [String] = [],
        vars: [String: String] = [:],
        secrets: [String: String] = [:],
        d1Databases: [D1DatabaseConfig] = [],
        r2Buckets: [R2BucketConfig] = [],
        queueProducers: [QueueProducerConfig] = [],
        queueConsumers: [QueueConsumerConfig] = [],
        crons: [String] = [],
        observability: ObservabilityConfig = ObservabilityConfig(),
        limits: LimitsConfig = LimitsConfig(),
        dev: DevConfig = DevConfig(),
        unsupportedBindings: [String] = []
    ) {
        self.name = name
        self.configPath = configPath
        self.environment = environment
        self.main = main
        self.compatibilityDate = compatibilityDate
        self.compatibilityFlags = compatibilityFlags
        self.accountID = accountID
        self.workersDev = workersDev
        self.routes = routes
        self.vars = vars
        self.secrets = secrets
        self.d1Databases = d1Databases
        self.r2Buckets = r2Buckets
        self.queueProducers = queueProducers
        self.queueConsumers = queueConsumers
        self.crons = crons
        self.observability = observability
        self.limits = limits
        self.dev = dev
        self.unsupportedBindings = unsupportedBindings
    }
}
