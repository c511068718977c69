import FlareWorkerAPI

/// A consumer as main's version was (§3.5): it writes each point to `historical_prices` with a
/// plain `INSERT`, so a duplicate fails instead of being ignored. It stands in for the real
/// consumer under the same name to break Test 7.
struct LegacyTableConsumer: QueueHandler {
    static let name = "historical-data-queue-consumer"
    static let schema = """
        CREATE TABLE IF NOT EXISTS historical_prices (
            symbol TEXT NOT NULL, timestamp INTEGER NOT NULL, close REAL, UNIQUE(symbol, timestamp))
        """

    init() {}

    func queue(_ batch: MessageBatch, env: WorkerEnvironment, ctx: ExecutionContext) async throws {
        let database = try env.d1("DB")
        _ = try await database.prepare(Self.schema).run()
        for message in batch.messages {
            guard let point = message.body.jsonValue, let symbol = point["symbol"]?.stringValue,
                let timestamp = point["timestamp"]?.int64Value
            else { continue }
            _ = try await database.prepare("INSERT INTO historical_prices (symbol, timestamp, close) VALUES (?, ?, ?)")
                .bind(symbol, timestamp, point["close"]?.doubleValue ?? 0).run()
        }
    }
}
