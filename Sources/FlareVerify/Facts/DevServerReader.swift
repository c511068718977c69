import FlareConfig
import FlareQueues
import FlareRuntime
import FlareWorkerAPI
import Foundation
import Logging

/// Gathers facts from a running `swiftflare dev` through its control routes (`GET
/// /cdn-cgi/local/queues`, `/workers`, `/cron`): live queue figures, attached consumers, running
/// workers and registered crons. D1 has no control route, so Test 3 reads the persist root.
struct DevServerReader: Sendable {
    var url: URL
    var fetcher: any Fetcher
    var persistRoot: URL
    var configs: [WorkerConfig]
    var logger: Logger

    func facts() async -> DeploymentFacts {
        let queues: [QueueInfo]? = await get("queues")
        let workers: [WorkerSummary]? = await get("workers")
        let crons: [CronTriggerReport]? = await get("cron")
        var cronsByWorker: [String: [String]] = [:]
        for trigger in crons ?? [] { cronsByWorker[trigger.worker, default: []].append(trigger.cron) }
        return DeploymentFacts(
            source: "dev server \(url.absoluteString) (D1 from persist root \(persistRoot.path))",
            queueSource: "\(url.absoluteString)/cdn-cgi/local/queues", configs: configs,
            runnableWorkers: Set((workers ?? []).map(\.name)), queueStateFound: queues != nil, queues: queues ?? [],
            live: true, crons: cronsByWorker,
            database: await DatabaseInspector.inspect(configs: configs, persistRoot: persistRoot, logger: logger))
    }

    private func get<T: Decodable>(_ route: String) async -> T? {
        guard let target = URL(string: "\(url.absoluteString)/cdn-cgi/local/\(route)") else { return nil }
        do {
            let response = try await fetcher.fetch(WorkerRequest(method: .get, url: target))
            guard response.status.code == 200 else {
                logger.warning("GET \(target.absoluteString) returned HTTP \(response.status.code)")
                return nil
            }
            return try JSONDecoder().decode(T.self, from: try await response.body.collect())
        } catch {
            logger.warning("GET \(target.absoluteString) failed: \(error)")
            return nil
        }
    }
}
