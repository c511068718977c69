import FlareConfig
import FlareQueues
import FlareRuntime
import Foundation
import Logging

/// Gathers facts offline: the broker database and D1 files under the persist root, the configs,
/// and the worker registry. Opens the broker without releasing in-flight messages, so a dev server
/// running on the same root is not disturbed.
struct LocalStateReader: Sendable {
    var persistRoot: URL
    var configs: [WorkerConfig]
    var registry: WorkerRegistry
    var logger: Logger

    func facts() async -> DeploymentFacts {
        let brokerFile = persistRoot.appendingPathComponent("v3/queues/broker.sqlite")
        var queues: [QueueInfo] = []
        var found = false
        if FileManager.default.fileExists(atPath: brokerFile.path),
            let broker = try? LocalQueueBroker(persistRoot: persistRoot, logger: logger, recoverInFlight: false),
            let listed = try? await broker.listQueues()
        {
            queues = listed
            found = true
        }
        return DeploymentFacts(
            source: "persist root \(persistRoot.path), \(configs.count) configs",
            queueSource: "queue broker \(brokerFile.path)", configs: configs,
            runnableWorkers: Set(configs.map(\.name).filter { registry.type(named: $0) != nil }),
            queueStateFound: found, queues: queues, live: false,
            crons: Dictionary(configs.map { ($0.name, $0.crons) }, uniquingKeysWith: { first, _ in first }),
            database: await DatabaseInspector.inspect(configs: configs, persistRoot: persistRoot, logger: logger))
    }
}
