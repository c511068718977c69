import FlareConfig
import FlareD1
import FlareRuntime
import FlareWorkerAPI
import Foundation
import Logging

/// Runs the behavioural probes of Tests 7 and 8 in a scratch copy of the state: a fresh persist
/// root holding only the schema of each D1 database (no rows, no queue state), an emulator of the
/// consumer and import worker on a manual clock, no cron, and a canned upstream. The real persist
/// root is only read (to export the schema), never written.
struct BehaviourProbe: Sendable {
    var configs: [WorkerConfig]
    var registry: WorkerRegistry
    var persistRoot: URL
    var scratchParent: URL
    var start: Date
    var logger: Logger
    /// Candles the canned upstream answers with: more than one message's worth (100).
    static let candles = 250

    func run() async -> ProbeResult {
        let scratch = scratchParent.appendingPathComponent("swiftflare-verify-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let names = [CoinswarmDeployment.consumer, CoinswarmDeployment.importWorker]
        let selected = configs.filter { names.contains($0.name) && registry.type(named: $0.name) != nil }
        guard !selected.isEmpty else {
            return ProbeResult(
                setupError: "neither \(names.joined(separator: " nor ")) can run (config or worker missing)")
        }
        // The scratch workers' own log lines (errors a broken consumer logs) are not the report's.
        var quiet = logger
        quiet.logLevel = .critical
        let clock = ManualClock(now: start)
        var options = RuntimeOptions(persistRoot: scratch)
        options.cronEnabled = false
        options.applyMigrations = false
        let emulator = Emulator(
            configs: selected, registry: registry, options: options, fetcher: CannedUpstream(candles: Self.candles),
            clock: clock, logger: quiet)
        do {
            try await copySchemas(of: selected, to: scratch)
            try await emulator.start()
        } catch {
            await emulator.shutdown()
            return ProbeResult(setupError: "\(error)")
        }
        let session = ProbeSession(emulator: emulator, clock: clock)
        var result = ProbeResult()
        if selected.contains(where: { $0.name == CoinswarmDeployment.importWorker }) {
            await session.probeImport(into: &result)
        }
        if let consumer = selected.first(where: { $0.name == CoinswarmDeployment.consumer }) {
            let id = consumer.d1Databases.first { $0.binding == CoinswarmDeployment.databaseBinding }?.storageID
            if let id, let database = try? LocalD1Database(persistRoot: scratch, databaseID: id, logger: logger) {
                await session.probeConsumer(database: database, into: &result)
            } else {
                result.consumerNote = "\(CoinswarmDeployment.consumer) has no D1 binding DB"
            }
        } else {
            result.consumerNote = "No Swift worker is registered for \(CoinswarmDeployment.consumer)"
        }
        await emulator.shutdown()
        return result
    }

    /// Recreates each bound database's schema (tables, indexes, views; no rows) under `scratch`.
    private func copySchemas(of configs: [WorkerConfig], to scratch: URL) async throws {
        var seen: Set<String> = []
        for config in configs {
            for binding in config.d1Databases where seen.insert(binding.storageID).inserted {
                let source = LocalD1Database.fileURL(persistRoot: persistRoot, databaseID: binding.storageID)
                guard FileManager.default.fileExists(atPath: source.path) else { continue }
                let real = try LocalD1Database(persistRoot: persistRoot, databaseID: binding.storageID, logger: logger)
                let schema = String(decoding: try await real.export(D1ExportOptions(noData: true)), as: UTF8.self)
                let copy = try LocalD1Database(persistRoot: scratch, databaseID: binding.storageID, logger: logger)
                guard !schema.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                do {
                    _ = try await copy.importSQL(schema)
                } catch {
                    // A broken schema (a view over a dropped table) is what the probe should then see fail.
                    logger.warning("Scratch schema of \(binding.storageID) is incomplete: \(error)")
                }
            }
        }
    }
}
