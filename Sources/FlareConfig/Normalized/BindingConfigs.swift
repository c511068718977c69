/// `[[d1_databases]]`.
public struct D1DatabaseConfig: Sendable, Equatable {
    /// The default `migrations_dir`.
    public static let defaultMigrationsDir = "migrations"
    /// The default `migrations_table`.
    public static let defaultMigrationsTable = "d1_migrations"

    /// `binding`: the name in `env`.
    public var binding: String
    /// `database_name`.
    public var databaseName: String?
    /// `database_id` (local storage is keyed by it; falls back to the binding name when absent).
    public var databaseID: String?
    /// `preview_database_id`.
    public var previewDatabaseID: String?
    /// `migrations_dir`, resolved against the config's directory.
    public var migrationsDir: String
    /// `migrations_table`.
    public var migrationsTable: String

    /// Creates a D1 binding config.
    public init(
        binding: String, databaseName: String? = nil, databaseID: String? = nil, previewDatabaseID: String? = nil,
        migrationsDir: String = D1DatabaseConfig.defaultMigrationsDir,
        migrationsTable: String = D1DatabaseConfig.defaultMigrationsTable
    ) {
        self.binding = binding
        self.databaseName = databaseName
        self.databaseID = databaseID
        self.previewDatabaseID = previewDatabaseID
        self.migrationsDir = migrationsDir
        self.migrationsTable = migrationsTable
    }

    /// The id local storage uses, as `wrangler dev` does (preview ids first):
    /// `preview_database_id`, else `database_id`, else the binding name.
    public var storageID: String { previewDatabaseID ?? databaseID ?? binding }
}

/// `[[r2_buckets]]`.
public struct R2BucketConfig: Sendable, Equatable {
    /// `binding`.
    public var binding: String
    /// `bucket_name` (local storage is keyed by it; falls back to the binding name).
    public var bucketName: String?
    /// `preview_bucket_name`.
    public var previewBucketName: String?
    /// `jurisdiction`.
    public var jurisdiction: String?

    /// Creates an R2 binding config.
    public init(
        binding: String, bucketName: String? = nil, previewBucketName: String? = nil, jurisdiction: String? = nil
    ) {
        self.binding = binding
        self.bucketName = bucketName
        self.previewBucketName = previewBucketName
        self.jurisdiction = jurisdiction
    }

    /// The name local storage uses, as `wrangler dev` does (preview names first):
    /// `preview_bucket_name`, else `bucket_name`, else the binding name.
    public var storageName: String { previewBucketName ?? bucketName ?? binding }
}

/// `[[queues.producers]]`.
public struct QueueProducerConfig: Sendable, Equatable {
    /// `binding`.
    public var binding: String
    /// `queue` (defaults to the binding name when absent).
    public var queue: String
    /// `delivery_delay` in seconds (deprecated upstream; honoured locally).
    public var deliveryDelay: Int?

    /// Creates a producer config.
    public init(binding: String, queue: String, deliveryDelay: Int? = nil) {
        self.binding = binding
        self.queue = queue
        self.deliveryDelay = deliveryDelay
    }
}

/// `[[queues.consumers]]` with Miniflare's local defaults and bounds.
public struct QueueConsumerConfig: Sendable, Equatable {
    /// Local default `max_batch_size`.
    public static let defaultMaxBatchSize = 5
    /// Local default `max_batch_timeout` (seconds).
    public static let defaultMaxBatchTimeout = 1.0
    /// Local default `max_retries`.
    public static let defaultMaxRetries = 2
    /// Local default `retry_delay` (seconds).
    public static let defaultRetryDelay = 0
    /// Bounds of `max_batch_size`.
    public static let maxBatchSizeRange = 0...100
    /// Bounds of `max_batch_timeout`.
    public static let maxBatchTimeoutRange = 0.0...60.0
    /// Bounds of `max_retries`.
    public static let maxRetriesRange = 0...100
    /// Bounds of `retry_delay`.
    public static let retryDelayRange = 0...86_400
    /// Bounds of `max_concurrency` (production autoscales up to 250).
    public static let maxConcurrencyRange = 1...250

    /// `queue`.
    public var queue: String
    /// `max_batch_size`.
    public var maxBatchSize: Int
    /// `max_batch_timeout` in seconds.
    public var maxBatchTimeout: Double
    /// `max_retries`.
    public var maxRetries: Int
    /// `dead_letter_queue`.
    public var deadLetterQueue: String?
    /// `max_concurrency` (`nil`: not set; the emulator then runs one batch at a time).
    public var maxConcurrency: Int?
    /// `retry_delay` in seconds.
    public var retryDelay: Int
    /// `visibility_timeout_ms` (pull consumers only; kept for display).
    public var visibilityTimeoutMs: Int?

    /// Creates a consumer config.
    public init(
        queue: String, maxBatchSize: Int = QueueConsumerConfig.defaultMaxBatchSize,
        maxBatchTimeout: Double = QueueConsumerConfig.defaultMaxBatchTimeout,
        maxRetries: Int = QueueConsumerConfig.defaultMaxRetries, deadLetterQueue: String? = nil,
        maxConcurrency: Int? = nil, retryDelay: Int = QueueConsumerConfig.defaultRetryDelay,
        visibilityTimeoutMs: Int? = nil
    ) {
        self.queue = queue
        self.maxBatchSize = maxBatchSize
        self.maxBatchTimeout = maxBatchTimeout
        self.maxRetries = maxRetries
        self.deadLetterQueue = deadLetterQueue
        self.maxConcurrency = maxConcurrency
        self.retryDelay = retryDelay
        self.visibilityTimeoutMs = visibilityTimeoutMs
    }
}

/// `[observability]`.
public struct ObservabilityConfig: Sendable, Equatable {
    /// `enabled`.
    public var enabled: Bool?
    /// `head_sampling_rate`.
    public var headSamplingRate: Double?
    /// `logs.enabled`.
    public var logsEnabled: Bool?
    /// `logs.invocation_logs`.
    public var invocationLogs: Bool?

    /// Creates an observability config.
    public init(
        enabled: Bool? = nil, headSamplingRate: Double? = nil, logsEnabled: Bool? = nil, invocationLogs: Bool? = nil
    ) {
        self.enabled = enabled
        self.headSamplingRate = headSamplingRate
        self.logsEnabled = logsEnabled
        self.invocationLogs = invocationLogs
    }
}

/// `[limits]`.
public struct LimitsConfig: Sendable, Equatable {
    /// `cpu_ms`.
    public var cpuMs: Int?
    /// `subrequests`.
    public var subrequests: Int?

    /// Creates a limits config.
    public init(cpuMs: Int? = nil, subrequests: Int? = nil) {
        self.cpuMs = cpuMs
        self.subrequests = subrequests
    }
}

/// `[dev]` (top level only).
public struct DevConfig: Sendable, Equatable {
    /// `ip`.
    public var ip: String?
    /// `port`.
    public var port: Int?
    /// `local_protocol`.
    public var localProtocol: String?

    /// Creates a dev config.
    public init(ip: String? = nil, port: Int? = nil, localProtocol: String? = nil) {
        self.ip = ip
        self.port = port
        self.localProtocol = localProtocol
    }
}
