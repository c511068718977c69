import FlareWorkerAPI
import Foundation

/// Echoes the request; `/boom` throws, `/warn` logs a warning.
struct EchoWorker: FetchHandler {
    static let name = "echo"

    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws -> WorkerResponse {
        if request.path == "/boom" { throw TestFailure(message: "boom") }
        if request.path == "/warn" { env.logger.warning("echo was asked for /warn") }
        let body = try await request.body.text()
        return .json([
            "method": .string(request.method.rawValue), "path": .string(request.path),
            "query": .string(request.url.query ?? ""), "body": .string(body),
            "greeting": .string(env.vars["GREETING"] ?? ""),
        ])
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Sends each request body as one JSON message to `OUT`.
struct ProducerWorker: FetchHandler {
    static let name = "producer"

    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws -> WorkerResponse {
        let value = try await request.body.json()
        try await env.queue("OUT").send(.json(value))
        return .text("queued")
    }
}

/// Stores every message into D1 table `received` and each batch size into `batches`; sleeps
/// `DELAY_SECONDS` on the clock first, so a test can hold a batch in flight.
struct ConsumerWorker: QueueHandler, FetchHandler {
    static let name = "consumer"

    func queue(_ batch: MessageBatch, env: WorkerEnvironment, ctx: ExecutionContext) async throws {
        let db = try env.d1("DB")
        _ = try await db.batch([
            db.prepare("CREATE TABLE IF NOT EXISTS received (body TEXT)"),
            db.prepare("CREATE TABLE IF NOT EXISTS batches (size INTEGER)"),
        ])
        if let delay = env.vars["DELAY_SECONDS"].flatMap(Double.init), delay > 0 {
            try await env.clock.sleep(seconds: delay)
        }
        let insert = db.prepare("INSERT INTO received (body) VALUES (?)")
        _ = try await db.batch(
            batch.messages.map { insert.bind($0.body.jsonValue?.jsonString() ?? "") }
                + [db.prepare("INSERT INTO batches (size) VALUES (?)").bind(batch.messages.count)])
    }

    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws -> WorkerResponse {
        let db = try env.d1("DB")
        let exists = try await db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'received'").first("n")
        guard exists?.int64Value == 1 else { return .text("0") }
        let count = try await db.prepare("SELECT count(*) AS n FROM received").first("n")
        return .text(String(count?.int64Value ?? 0))
    }
}

/// Records each scheduled invocation in D1 table `fired`; cron `fail` throws, `noretry` calls noRetry().
struct CronWorker: ScheduledHandler, FetchHandler {
    static let name = "cron-worker"

    func scheduled(_ controller: ScheduledController, env: WorkerEnvironment, ctx: ExecutionContext) async throws {
        let db = try env.d1("DB")
        _ = try await db.batch([
            db.prepare("CREATE TABLE IF NOT EXISTS fired (cron TEXT, time INTEGER)"),
            db.prepare("INSERT INTO fired VALUES (?, ?)").bind(controller.cron, controller.scheduledTimeMilliseconds),
        ])
        if controller.cron == "fail" { throw TestFailure(message: "scheduled failed") }
        if controller.cron == "noretry" { controller.noRetry() }
    }

    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws -> WorkerResponse {
        let rows = try await env.d1("DB").prepare("SELECT cron, time FROM fired ORDER BY rowid").raw()
        let text = rows.map { "\($0[0].stringValue ?? "")@\($0[1].int64Value ?? 0)" }.joined(separator: "\n")
        return .text(text)
    }
}

/// A fetcher for tests that never reaches the network.
struct OfflineFetcher: Fetcher {
    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        throw FetchError(code: .noFixture, message: "offline: \(request.url)")
    }
}

/// A consumer whose batches wait for the test to open a gate, so that a batch is held in flight
/// while the emulator shuts down; counts rows as ``ConsumerWorker`` does.
struct GatedConsumerWorker: QueueHandler, FetchHandler {
    static let name = "gated-consumer"
    /// Yields each batch's size when the handler starts.
    static let started = AsyncStream.makeStream(of: Int.self)
    /// The handler finishes once a value arrives here.
    static let release = AsyncStream.makeStream(of: Void.self)

    func queue(_ batch: MessageBatch, env: WorkerEnvironment, ctx: ExecutionContext) async throws {
        Self.started.continuation.yield(batch.messages.count)
        var gate = Self.release.stream.makeAsyncIterator()
        _ = await gate.next()
        let db = try env.d1("DB")
        let insert = db.prepare("INSERT INTO received (body) VALUES (?)")
        _ = try await db.batch(
            [db.prepare("CREATE TABLE IF NOT EXISTS received (body TEXT)")]
                + batch.messages.map { insert.bind($0.body.jsonValue?.jsonString() ?? "") })
    }

    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws -> WorkerResponse {
        try await ConsumerWorker().fetch(request, env: env, ctx: ctx)
    }
}
