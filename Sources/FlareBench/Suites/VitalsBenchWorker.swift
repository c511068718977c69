import FlareD1
import FlareFetch
import FlareQueues
import FlareR2
import FlareWorkerAPI
import FlareWorkers
import Foundation
import Logging

/// The Building-Vitals worker on real local bindings and replayed ACE fixtures, driven straight
/// through its handlers (no HTTP server, no batch timer), for ``VitalsCacheSuite``.
struct VitalsBenchWorker {
    static let bucketName = "building-vitals-cache"

    let persistRoot: URL
    let bucket: LocalR2Bucket
    let broker: LocalQueueBroker
    let env: WorkerEnvironment
    let worker = BuildingVitalsWorker()

    init(repository: URL, persistRoot: URL, logger: Logger) async throws {
        let clock = SystemClock()
        let database = try LocalD1Database(
            persistRoot: persistRoot, databaseID: "building-vitals-db", clock: clock, logger: logger)
        _ = try await D1Migrations(
            directory: repository.appendingPathComponent("wrangler-configs/building-vitals/migrations")
        ).apply(on: database)
        let bucket = try LocalR2Bucket(
            persistRoot: persistRoot, bucketName: Self.bucketName, clock: clock, logger: logger)
        let broker = try LocalQueueBroker(persistRoot: persistRoot, clock: clock, logger: logger)
        let fetcher = ReplayingFetcher(
            store: FixtureStore(directory: repository.appendingPathComponent("fixtures"), trackUsage: false),
            logger: logger)
        env = WorkerEnvironment(
            workerName: BuildingVitalsWorker.name,
            vars: ["ACE_API_URL": "https://api.ace-iot.com", "ENVIRONMENT": "bench", "ACE_API_TOKEN": "bench"],
            secretNames: ["ACE_API_TOKEN"],
            bindings: [
                VitalsEnvironment.databaseBinding: .d1(database), VitalsEnvironment.cacheBinding: .r2(bucket),
                VitalsEnvironment.queueBinding: .queue(
                    broker.producer(queue: VitalsEnvironment.queueName, deliveryDelay: nil)),
            ],
            fetcher: fetcher, clock: clock, logger: logger)
        self.bucket = bucket
        self.broker = broker
        self.persistRoot = persistRoot
    }

    /// `GET pathAndQuery` through the worker's fetch handler.
    func get(_ pathAndQuery: String) async throws -> (response: WorkerResponse, data: Data) {
        let request = WorkerRequest(url: URL(string: "http://127.0.0.1:8787\(pathAndQuery)")!)
        let response = try await worker.fetch(request, env: env, ctx: ExecutionContext())
        let data = try await response.body.collect()
        guard response.status.code == 200 || response.status.code == 202 else {
            throw VitalsBenchError(
                "GET \(pathAndQuery) answered \(response.status.code): \(String(decoding: data, as: UTF8.self))")
        }
        return (response, data)
    }

    /// Milliseconds per request, over `count` sequential requests.
    func meanMilliseconds(_ pathAndQuery: String, count: Int) async throws -> Double {
        let seconds = try await BenchTiming.seconds {
            for _ in 0..<count { _ = try await get(pathAndQuery) }
        }
        return seconds * 1000 / Double(count)
    }

    /// Queues `pathAndQuery` (202) and hands its message to the worker's queue handler, as the
    /// broker would; the consumer writes the result to R2 and completes the job.
    func completeQueuedJob(_ pathAndQuery: String) async throws {
        let (response, _) = try await get(pathAndQuery)
        guard response.status.code == 202, let jobId = response.header("X-Job-Id") else {
            throw VitalsBenchError("expected \(pathAndQuery) to be queued")
        }
        guard let sent = try await broker.peek(queue: VitalsEnvironment.queueName).first, let body = sent.body else {
            throw VitalsBenchError("the job message was not sent")
        }
        let outcomes = MessageOutcomes()
        let message = Message(
            id: sent.id, timestamp: env.clock.now(), body: .json(body), attempts: 1, outcomes: outcomes)
        try await worker.queue(
            MessageBatch(
                queue: VitalsEnvironment.queueName, messages: [message],
                metrics: QueueMetrics(backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: nil),
                outcomes: outcomes),
            env: env, ctx: ExecutionContext())
        let status = try await JobStore(db: try env.d1(VitalsEnvironment.databaseBinding)).find(jobId)?.status
        guard status == .completed else { throw VitalsBenchError("job \(jobId) is \(String(describing: status))") }
    }
}
