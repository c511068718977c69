import FlareD1
import FlareQueues
import FlareR2
import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging

@testable import FlareWorkers

/// The bindings a Building-Vitals test runs against: the real local ones (`LocalD1Database` with the
/// shipped migrations, `LocalR2Bucket`, a `LocalQueueBroker` producer) under a temporary persist root,
/// on a manual clock. The queue has no consumer here: tests deliver what was sent themselves.
struct VitalsTestBindings: Sendable {
    let root: TemporaryDirectory
    let clock: ManualClock
    let db: any D1Database
    let bucket: any R2Bucket
    let queue: any Queue
    /// Bodies (and delays) sent to the queue so far, oldest first.
    let sentMessages: @Sendable () async -> [(body: QueueMessageBody, delaySeconds: Int?)]

    /// A worker `env` over these bindings with `fetcher` as outbound HTTP.
    func environment(fetcher: any Fetcher, vars: [String: String] = VitalsTestBindings.defaultVars)
        -> WorkerEnvironment
    {
        WorkerEnvironment(
            workerName: BuildingVitalsWorker.name, vars: vars, secretNames: ["ACE_API_TOKEN"],
            bindings: [
                VitalsEnvironment.databaseBinding: .d1(db), VitalsEnvironment.cacheBinding: .r2(bucket),
                VitalsEnvironment.queueBinding: .queue(queue),
            ],
            fetcher: fetcher, clock: clock, logger: Logger(label: "vitals-test")
        )
    }

    static let defaultVars = [
        "ACE_API_URL": "https://flightdeck.aceiot.cloud/api", "ENVIRONMENT": "development",
        "ACE_API_TOKEN": "test-token",
    ]
}

/// The factory every Building-Vitals unit test uses (see ``VitalsTestBindings``).
func makeBindings() async throws -> VitalsTestBindings {
    let root = try TemporaryDirectory()
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_735_689_600))  // 2025-01-01T00:00:00Z
    var logger = Logger(label: "vitals-test")
    logger.logLevel = .warning
    let db = try LocalD1Database(
        persistRoot: root.url, databaseID: "building-vitals-db", clock: clock, logger: logger)
    try await applyMigrations(db)
    let bucket = try LocalR2Bucket(
        persistRoot: root.url, bucketName: "building-vitals-cache", clock: clock, logger: logger)
    let broker = try LocalQueueBroker(persistRoot: root.url, clock: clock, logger: logger)
    return VitalsTestBindings(
        root: root, clock: clock, db: db, bucket: bucket,
        queue: broker.producer(queue: VitalsEnvironment.queueName, deliveryDelay: nil),
        sentMessages: {
            let waiting = (try? await broker.peek(queue: VitalsEnvironment.queueName, limit: 1000)) ?? []
            return waiting.map { message in
                let delay = Int((message.nextDelivery - message.timestamp) / 1000)
                return (QueueMessageBody.json(message.body ?? .null), delay > 0 ? delay : nil)
            }
        }
    )
}

/// Applies `wrangler-configs/building-vitals/migrations/*.sql` in order, as the emulator does at start
/// (D1's `exec` runs one statement per line, so the files cannot simply be `exec`uted).
func applyMigrations(_ db: LocalD1Database) async throws {
    let directory = repositoryRoot().appendingPathComponent("wrangler-configs/building-vitals/migrations")
    _ = try await D1Migrations(directory: directory).apply(on: db)
}

/// The package root, found from this file's path.
func repositoryRoot() -> URL {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return url
}

/// A GET request to the worker.
func apiRequest(_ pathAndQuery: String, method: String = "GET") -> WorkerRequest {
    var request = WorkerRequest(url: URL(string: "http://localhost:8787\(pathAndQuery)")!)
    request.method = .init(method)!
    return request
}
