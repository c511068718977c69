/// A Swift worker: a type that serves the wrangler config whose `name` is ``name``.
///
/// A worker conforms to any of ``FetchHandler``, ``QueueHandler`` and ``ScheduledHandler``; the
/// runtime creates one instance per configured worker with ``init()``.
///
/// ```swift
/// struct Hello: FetchHandler {
///     static let name = "hello"
///     init() {}
///     func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws
///         -> WorkerResponse { .text("Hello") }
/// }
/// ```
public protocol Worker: Sendable {
    /// The wrangler `name` this worker implements.
    static var name: String { get }
    /// Creates the worker.
    init()
}

/// A worker with a `fetch` handler.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/>
public protocol FetchHandler: Worker {
    /// Answers an HTTP request.
    /// - Throws: anything; the runtime answers 500 and logs the error.
    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws
        -> WorkerResponse
}

/// A worker with a `queue` handler (a queue consumer).
///
/// Cloudflare documentation: <https://developers.cloudflare.com/queues/configuration/javascript-apis/#consumer>
public protocol QueueHandler: Worker {
    /// Handles one batch. Returning acks the messages not explicitly retried; throwing retries the
    /// messages not explicitly acknowledged.
    func queue(_ batch: MessageBatch, env: WorkerEnvironment, ctx: ExecutionContext) async throws
}

/// A worker with a `scheduled` handler (cron triggers).
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/handlers/scheduled/>
public protocol ScheduledHandler: Worker {
    /// Handles one cron firing.
    func scheduled(_ controller: ScheduledController, env: WorkerEnvironment, ctx: ExecutionContext) async throws
}
