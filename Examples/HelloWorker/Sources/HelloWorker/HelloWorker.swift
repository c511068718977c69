import FlareWorkerAPI
import Swiftflare

/// Serves `GET /` with a greeting and counts visits in D1; the wrangler config's `name` is
/// `hello-worker`, so this type serves it.
struct HelloWorker: FetchHandler {
    static let name = "hello-worker"

    func fetch(_ request: WorkerRequest, env: WorkerEnvironment, ctx: ExecutionContext) async throws
        -> WorkerResponse
    {
        let db = try env.d1("DB")
        _ = try await db.batch([
            db.prepare("CREATE TABLE IF NOT EXISTS visits (path TEXT, at INTEGER)"),
            db.prepare("INSERT INTO visits VALUES (?, ?)").bind(request.path, env.clock.nowMilliseconds()),
        ])
        let visits = try await db.prepare("SELECT count(*) AS n FROM visits").first("n")
        env.logger.info("visit \(request.path)")
        return .json([
            "greeting": .string(env.vars["GREETING"] ?? "Hello"),
            "visits": .int(visits?.int64Value ?? 0),
        ])
    }
}

/// The whole `swiftflare` CLI (`dev`, `d1`, `queues`, `tail`, …) with ``HelloWorker`` registered.
@main struct Dev {
    static func main() async {
        await SwiftflareCommand.main(workers: [HelloWorker.self])
    }
}
