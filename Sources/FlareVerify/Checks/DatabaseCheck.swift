/// Test 3 (3a–3c): the database the consumer writes to, by its `DB` binding, exists and has
/// `price_data`; the row count is informational. The script checked a fixed id that no worker
/// binds any more (§8.10): an INFO line says which database is checked instead.
public struct DatabaseCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// 3b runs only when 3a passes, 3c only when 3b passes.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let title = "Test 3: Verifying D1 database..."
        let database = facts.database
        let consumer = CoinswarmDeployment.consumer
        let binding = CoinswarmDeployment.databaseBinding
        guard let id = database.id else {
            return ReportSection(
                title: title,
                lines: [
                    .fail("3a", "D1 database not accessible"),
                    .info("\(consumer) has no D1 binding \(binding) in the loaded configs"),
                ])
        }
        var lines: [ReportLine] = [
            .info("Database: \(database.name ?? id) (\(id)), bound as \(binding) by \(consumer): the one it writes to")
        ]
        if id != CoinswarmDeployment.staleDatabaseID {
            lines.append(
                .info(
                    "The original script checked \(CoinswarmDeployment.staleDatabaseID) "
                        + "(\(CoinswarmDeployment.staleDatabaseName)), which no worker binds (§8.10)"))
        }
        guard database.exists else {
            lines.append(.fail("3a", "D1 database not accessible"))
            lines.append(.info("No local database file for \(id): run `swiftflare dev` (it applies the migrations)"))
            return ReportSection(title: title, lines: lines)
        }
        lines.append(.pass("3a", "D1 database accessible"))
        guard database.hasTable == true else {
            lines.append(.fail("3b", "price_data table not found"))
            if let error = database.error { lines.append(.info(error)) }
            return ReportSection(title: title, lines: lines)
        }
        lines.append(.pass("3b", "price_data table exists"))
        if let count = database.rowCount {
            lines.append(.info("Current row count: \(count)"))
        } else if let error = database.error {
            lines.append(.info("Row count unavailable: \(error)"))
        }
        return ReportSection(title: title, lines: lines)
    }
}
