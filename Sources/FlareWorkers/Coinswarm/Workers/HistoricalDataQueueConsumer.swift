import FlareWorkerAPI

/// The queue consumer `historical-data-queue-consumer` (spec §3): batches from `historical-data-queue`
/// into D1 `price_data`, plus `GET /stats` and a status response.
///
/// It is also the dead-letter consumer: the spec's configs (§1) give `historical-data-dlq` no consumer
/// of its own, so this worker's config adds a second `[[queues.consumers]]` for it and the handler
/// branches on `batch.queue` (see ``DeadLetterRecorder``).
///
/// Bindings: D1 `DB`. Vars: `DEAD_LETTER_QUEUE` (default `historical-data-dlq`), `STATS_SYMBOL`
/// (default `BTC-USDC`), `MAX_RETRIES` (the main queue's `max_retries`, default 3, for the
/// `failed_ingestions` rows of dead letters).
///
/// ```swift
/// try await HistoricalDataQueueConsumer().queue(batch, env: env, ctx: ctx)
/// ```
public struct HistoricalDataQueueConsumer: FetchHandler, QueueHandler {
    /// The wrangler `name`.
    public static let name = "historical-data-queue-consumer"
    /// The dead-letter queue of the consumer config (§1.1).
    public static let defaultDeadLetterQueue = "historical-data-dlq"

    /// Creates the worker.
    public init() {}

    /// Handles one batch: dead letters are recorded, everything else is ingested.
    /// - Throws: `WorkerEnvironmentError` without a `DB` binding; `D1Error` when dead letters cannot
    ///   be recorded (the runtime then retries the batch).
    public func queue(_ batch: MessageBatch, env: WorkerEnvironment, ctx: ExecutionContext) async throws {
        let database = try env.d1("DB")
        let retry = BusyRetry(clock: env.clock)
        if batch.queue == env.vars["DEAD_LETTER_QUEUE"] ?? Self.defaultDeadLetterQueue {
            try await DeadLetterRecorder(
                database: database, clock: env.clock, logger: env.logger, retry: retry,
                sourceMaxRetries: env.vars["MAX_RETRIES"].flatMap { Int($0) }
                    ?? DeadLetterRecorder.defaultSourceMaxRetries
            ).record(batch)
        } else {
            _ = await BatchIngestor(database: database, clock: env.clock, logger: env.logger, retry: retry)
                .process(batch)
        }
    }

    /// `/stats` (any method) reports the stored range of one symbol; every other path the status.
    /// - Throws: never; D1 errors become the 500 response of §3.2.
    public func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws
        -> WorkerResponse
    {
        guard request.path == "/stats" else { return Self.statusResponse }
        let symbol =
            request.query("symbol").flatMap(CanonicalSymbol.normalize) ?? env.vars["STATS_SYMBOL"] ?? "BTC-USDC"
        do {
            return try await SymbolStats.response(database: env.d1("DB"), symbol: symbol)
        } catch {
            let message = (error as? D1Error)?.message ?? String(describing: error)
            return OrderedJSON.object([("status", .string("error")), ("error", .string(message))])
                .response(status: 500)
        }
    }

    /// The compact status body of §3.2.
    static let statusResponse = OrderedJSON.object([
        ("status", .string("ok")),
        ("message", .string("Historical Data Queue Consumer is running")),
        ("role", .string("Consumes queue messages and writes to D1 database")),
        ("endpoints", .object([("/stats", .string("Check BTC-USDC data in D1"))])),
    ]).response()
}
