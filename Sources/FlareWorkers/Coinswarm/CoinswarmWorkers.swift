import FlareWorkerAPI

/// The Coinswarm historical-data workers (spec `coinswarm.md`), for the runtime to register.
///
/// ```swift
/// for worker in CoinswarmWorkers.all { registry[worker.name] = worker }
/// ```
public enum CoinswarmWorkers {
    /// The cron producer, the queue consumer (also the dead-letter consumer) and the import worker.
    public static let all: [any Worker.Type] = [
        HistoricalDataQueueProducer.self,
        HistoricalDataQueueConsumer.self,
        HistoricalImportWorker.self,
    ]
}
