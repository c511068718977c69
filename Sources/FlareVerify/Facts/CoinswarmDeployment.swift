/// The names and expectations the Coinswarm checks verify (spec §1 and §6.1).
public enum CoinswarmDeployment {
    /// The data queue.
    public static let queue = "historical-data-queue"
    /// Its dead-letter queue.
    public static let deadLetterQueue = "historical-data-dlq"
    /// The consumer worker.
    public static let consumer = "historical-data-queue-consumer"
    /// The cron-driven producer worker.
    public static let producer = "historical-data-queue-producer"
    /// The import worker (the original Python worker).
    public static let importWorker = "coinswarm-historical-import"
    /// The consumer's D1 binding: the database it actually writes to.
    public static let databaseBinding = "DB"
    /// The import worker's queue binding.
    public static let importQueueBinding = "HISTORICAL_QUEUE"
    /// The table the consumer must write to.
    public static let table = "price_data"
    /// The table the old (main) consumer wrote to.
    public static let legacyTable = "historical_prices"
    /// The id of `pyswarm-cccagg`, the database the shipped configs bind (for hints; the checks
    /// follow the consumer's binding).
    public static let databaseID = "b37495a5-d7dc-4104-afab-4a9805eb5461"
    /// The database id the original scripts checked, which no worker binds any more (§8.10).
    public static let staleDatabaseID = "ac4629b2-8240-4378-b3e3-e5262cd9b285"
    /// Its name.
    public static let staleDatabaseName = "coinswarm-evolution"
    /// Expected `max_batch_size`.
    public static let batchSize = 100
    /// Expected `max_concurrency`.
    public static let concurrency = 5
    /// Expected producer interval, in seconds.
    public static let cronInterval = 1800
    /// Queue depth from which Test 5 warns.
    public static let backlogThreshold = 1000
}
