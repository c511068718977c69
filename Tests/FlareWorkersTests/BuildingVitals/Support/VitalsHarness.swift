import FlareWorkerAPI
import Foundation

@testable import FlareWorkers

/// Drives the worker in tests: HTTP requests, queue deliveries with their outcomes.
struct VitalsHarness {
    let bindings: VitalsTestBindings
    let ace: FakeACE
    let fetcher: VitalsFakeFetcher
    let worker = BuildingVitalsWorker()

    init(bindings: VitalsTestBindings, ace: FakeACE) {
        self.bindings = bindings
        self.ace = ace
        self.fetcher = ace.fetcher()
    }

    var env: WorkerEnvironment { bindings.environment(fetcher: fetcher) }
    var vitals: VitalsEnvironment { VitalsEnvironment(env) }

    func get(_ pathAndQuery: String, method: String = "GET") async throws -> (WorkerResponse, Data) {
        let response = try await worker.fetch(
            apiRequest(pathAndQuery, method: method), env: env, ctx: ExecutionContext())
        return (response, try await response.body.collect())
    }

    func json(_ pathAndQuery: String, method: String = "GET") async throws -> (Int, JSONValue) {
        let (response, data) = try await get(pathAndQuery, method: method)
        return (response.status.code, try JSONValue(parsing: data))
    }

    /// Delivers `body` as attempt `attempts` on `queue` and returns the message's fate.
    func deliver(_ body: QueueMessageBody, attempts: Int = 1, queue: String = VitalsEnvironment.queueName) async throws
        -> MessageOutcomes.Fate
    {
        let outcomes = MessageOutcomes()
        let message = Message(
            id: "m\(attempts)", timestamp: bindings.clock.now(), body: body, attempts: attempts, outcomes: outcomes)
        let batch = MessageBatch(
            queue: queue, messages: [message],
            metrics: QueueMetrics(backlogCount: 1, backlogBytes: 0, oldestMessageTimestamp: nil),
            outcomes: outcomes
        )
        var succeeded = true
        do { try await worker.queue(batch, env: env, ctx: ExecutionContext()) } catch { succeeded = false }
        return outcomes.fate(of: message.id, handlerSucceeded: succeeded)
    }

    func job(_ id: String) async throws -> JobRecord? { try await JobStore(db: bindings.db).find(id) }
}

/// `/api/timeseries?...` for `points` over `start`..`end`.
func timeseriesPath(site: String = "s1", points: [String], start: String, end: String, route: String? = nil) -> String {
    var path =
        "/api/timeseries?site=\(site)&points=\(points.joined(separator: ","))&start_time=\(start)&end_time=\(end)"
    if let route { path += "&route=\(route)" }
    return path
}
