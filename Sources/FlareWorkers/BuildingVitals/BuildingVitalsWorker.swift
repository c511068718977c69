import FlareWorkerAPI

/// The Building-Vitals timeseries worker (`workers/wrangler.toml`, name `building-vitals-worker`):
/// the HTTP API, the `chart-processing-queue` consumer (and its dead-letter queue), and the daily cron.
///
/// ```swift
/// let response = try await BuildingVitalsWorker().fetch(request, env: env, ctx: ctx)
/// ```
public struct BuildingVitalsWorker: FetchHandler, QueueHandler, ScheduledHandler {
    /// The wrangler `name`.
    public static let name = "building-vitals-worker"

    /// Creates the worker.
    public init() {}

    /// Answers the HTTP API.
    public func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws
        -> WorkerResponse
    {
        await VitalsAPI(env: VitalsEnvironment(env)).handle(request)
    }

    /// Processes job messages, or dead-lettered ones when the batch comes from the dead-letter queue.
    /// Messages are handled one at a time, each settled with its own `ack()` or `retry(delaySeconds:)`.
    public func queue(_ batch: MessageBatch, env: WorkerEnvironment, ctx: ExecutionContext) async throws {
        let vitals = VitalsEnvironment(env)
        if batch.queue == vitals.deadLetterQueue {
            let handler = DeadLetterHandler(env: vitals)
            for message in batch.messages { await handler.process(message) }
        } else {
            let consumer = JobConsumer(env: vitals)
            for message in batch.messages { await consumer.process(message) }
        }
    }

    /// Runs the daily maintenance as of the trigger's `scheduledTime` (not whenever the handler
    /// happens to run), so the cut-offs follow the schedule.
    public func scheduled(_ controller: ScheduledController, env: WorkerEnvironment, ctx: ExecutionContext)
        async throws
    {
        _ = await DailyMaintenance(env: VitalsEnvironment(env)).run(now: controller.scheduledTime)
    }
}
