import FlareConfig
import FlareWorkerAPI
import Foundation

extension Emulator {
    /// Applies an edited config to its running worker: the worker gets a new `env` (vars, secrets,
    /// bindings; storage it newly names is opened, storage already open is shared as it is, so no
    /// stored state is lost), its queue consumers are attached again with their new settings, and
    /// its cron triggers are replaced. Requests, batches and firings already running finish on
    /// the previous instance.
    ///
    /// - Throws: `EmulatorError`, changing nothing, when no running worker has the config's name
    ///   (adding or renaming a worker needs a restart), or when a queue it now consumes already has
    ///   another worker as consumer; a storage error when new storage cannot be opened.
    public func reload(_ config: WorkerConfig) async throws {
        guard let resources, let previous = hosts[config.name] else {
            throw EmulatorError(messages: [
                "\(config.configPath): no running worker is named \"\(config.name)\"; restart `swiftflare dev` "
                    + "to add or rename a worker"
            ])
        }
        for consumer in config.queueConsumers {
            if let other = workers.first(where: {
                $0.name != config.name && $0.config.queueConsumers.contains { $0.queue == consumer.queue }
            }) {
                throw EmulatorError(messages: [
                    "\(config.configPath): queue \"\(consumer.queue)\" already has a consumer (\(other.name))"
                ])
            }
        }
        try await resources.openStorage(for: [config], options: options, clock: clock, logger: logger)
        let host = try await makeHost(config, resources: resources)
        for consumer in previous.config.queueConsumers {
            await resources.broker.detachConsumer(queue: consumer.queue)
        }
        hosts[config.name] = host
        if let index = configs.firstIndex(where: { $0.name == config.name }) { configs[index] = config }
        try await resources.attachConsumers(of: host)
        if previous.config.crons != config.crons {
            await resources.scheduler.unregister(worker: config.name)
            if !config.crons.isEmpty {
                try await resources.scheduler.register(worker: config.name, crons: config.crons)
            }
        }
        logger.notice("Reloaded \(config.name) from \(config.configPath)")
    }
}
