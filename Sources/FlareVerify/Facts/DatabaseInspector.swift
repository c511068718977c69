import FlareConfig
import FlareD1
import FlareWorkerAPI
import Foundation
import Logging

/// Reads Test 3's facts: the consumer's `DB` binding, whether its file exists, `price_data` and
/// its row count. Never creates a database that is not there.
enum DatabaseInspector {
    static func inspect(configs: [WorkerConfig], persistRoot: URL, logger: Logger) async -> DatabaseFacts {
        let consumer = configs.first { $0.name == CoinswarmDeployment.consumer }
        guard let binding = consumer?.d1Databases.first(where: { $0.binding == CoinswarmDeployment.databaseBinding })
        else { return DatabaseFacts() }
        var facts = DatabaseFacts(binding: binding.binding, name: binding.databaseName, id: binding.storageID)
        let file = LocalD1Database.fileURL(persistRoot: persistRoot, databaseID: binding.storageID)
        guard FileManager.default.fileExists(atPath: file.path) else { return facts }
        facts.exists = true
        do {
            let database = try LocalD1Database(persistRoot: persistRoot, databaseID: binding.storageID, logger: logger)
            let table = try await database.prepare(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='\(CoinswarmDeployment.table)'"
            ).first()
            facts.hasTable = table != nil
            guard table != nil else { return facts }
            let count = try await database.prepare("SELECT COUNT(*) AS count FROM \(CoinswarmDeployment.table)")
                .first("count")
            facts.rowCount = count?.int64Value.map { Int($0) }
        } catch {
            facts.error = (error as? D1Error)?.message ?? "\(error)"
        }
        return facts
    }
}
