import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging

@testable import FlareWorkers

/// The bindings a Building-Vitals test runs against.
///
/// `makeBindings()` returns the in-test fakes today (`VitalsFakeD1Database` over a real SQLite file with the
/// real migrations, `FakeR2Bucket`, `VitalsFakeQueue`). After the merge the coordinator points it at
/// `LocalD1Database` / `LocalR2Bucket` / `LocalQueueBroker` producers; `sentMessages` must then read the
/// broker's backlog.
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

/// The factory every Building-Vitals test uses (see ``VitalsTestBindings``).
func makeBindings() async throws -> VitalsTestBindings {
    let root = try TemporaryDirectory()
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_735_689_600))  // 2025-01-01T00:00:00Z
    let db = try VitalsFakeD1Database(path: root.url.appendingPathComponent("vitals.sqlite").path)
    try await applyMigrations(db)
    let queue = VitalsFakeQueue()
    return VitalsTestBindings(
        root: root, clock: clock, db: db, bucket: FakeR2Bucket(clock: clock), queue: queue,
        sentMessages: { await queue.sent.map { ($0.body, $0.delaySeconds) } }
    )
}

/// Runs every `wrangler-configs/building-vitals/migrations/*.sql` file in order.
func applyMigrations(_ db: any D1Database) async throws {
    let directory = repositoryRoot().appendingPathComponent("wrangler-configs/building-vitals/migrations")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        .sorted()
    for file in files {
        let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        _ = try await db.exec(sql)
    }
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
