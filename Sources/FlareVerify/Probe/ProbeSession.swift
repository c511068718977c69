import FlareD1
import FlareQueues
import FlareRuntime
import FlareWorkerAPI
import Foundation
import HTTPTypes

/// The probes' conversation with the scratch emulator, through its control routes.
struct ProbeSession: Sendable {
    let emulator: Emulator
    let clock: ManualClock
    private var queuePath: String { "/cdn-cgi/local/queues/\(CoinswarmDeployment.queue)" }

    init(emulator: Emulator, clock: ManualClock) {
        self.emulator = emulator
        self.clock = clock
    }

    /// Test 8: `POST /trigger` with delivery paused, then the queued messages are counted and purged.
    func probeImport(into result: inout ProbeResult) async {
        _ = await control(.post, "\(queuePath)/pause")
        let request = WorkerRequest(method: .post, url: URL(string: "http://127.0.0.1:8787/trigger")!)
        let response = await emulator.fetch(worker: CoinswarmDeployment.importWorker, request)
        result.triggerStatus = response.status.code
        result.candlesOffered = Self.candlesOffered
        if response.status.code != 200 {
            result.triggerError = String((try? await response.body.text())?.prefix(200) ?? "")
        }
        let peeked = await control(.get, "\(queuePath)/messages", query: ["limit": "1000"])
        if let data = try? await peeked.body.collect(),
            let messages = try? JSONDecoder().decode([PeekedMessage].self, from: data)
        {
            result.messagesQueued = messages.count
            result.pointsQueued = messages.reduce(0) { $0 + Self.points(in: $1.body) }
        }
        _ = await control(.post, "\(queuePath)/purge")
        _ = await control(.post, "\(queuePath)/resume")
    }

    static let candlesOffered = BehaviourProbe.candles

    /// The price points one message body carries: an array's elements, a JSON string's, or one object.
    static func points(in body: JSONValue?) -> Int {
        switch body {
        case .array(let items): items.count
        case .string(let text):
            points(in: try? JSONValue(parsing: Data(text.utf8)))
        case .object: 1
        default: 0
        }
    }

    /// Test 7: the probe point, then a conflicting duplicate, through the consumer.
    func probeConsumer(database: LocalD1Database, into result: inout ProbeResult) async {
        await send(ProbePoint.line(close: 1))
        let tables = [CoinswarmDeployment.table, CoinswarmDeployment.legacyTable]
        var landed: (table: String, rows: [[D1Value]])?
        for table in tables {
            if let rows = await probeRows(database, table: table), !rows.isEmpty {
                landed = (table, rows)
                break
            }
        }
        guard let landed else {
            result.consumerNote = await missingNote(database)
            return
        }
        result.probeTable = landed.table
        let failedBefore = await failedCount(database)
        let exceptionsBefore = exceptions()
        await send(ProbePoint.line(close: 2))
        let rows = await probeRows(database, table: landed.table) ?? []
        let failedAfter = await failedCount(database)
        let left = await queueTotal()
        if rows.count > 1 {
            result.duplicate = .duplicated
        } else if rows.first?.first?.doubleValue == 2 {
            result.duplicate = .replaced
        } else if failedAfter > failedBefore || left > 0 || exceptions() > exceptionsBefore {
            result.duplicate = .rejected
        } else {
            result.duplicate = .ignored
        }
    }

    /// Batches the consumer threw on so far (retried, then dead-lettered or dropped).
    private func exceptions() -> Int {
        emulator.events.recentEvents.filter { $0.kind == .batch && $0.outcome == "exception" }.count
    }

    private func send(_ line: String) async {
        _ = await control(.post, "\(queuePath)/send", body: Data(line.utf8))
        // Past the batch timeout until both queues are empty, so retries and dead-lettering
        // settle too (a message retried four times, then dead-lettered, needs six rounds).
        for _ in 0..<8 {
            await clock.advance(by: 61)
            await emulator.settle()
            if await queueTotal() == 0, await queueTotal(CoinswarmDeployment.deadLetterQueue) == 0 { break }
        }
    }

    private func probeRows(_ database: LocalD1Database, table: String) async -> [[D1Value]]? {
        try? await database.prepare("SELECT close FROM \(table) WHERE symbol = ? AND timestamp = ?")
            .bind(ProbePoint.symbol, ProbePoint.timestamp).raw()
    }

    private func failedCount(_ database: LocalD1Database) async -> Int {
        let value = try? await database.prepare("SELECT COUNT(*) AS n FROM failed_ingestions WHERE symbol = ?")
            .bind(ProbePoint.symbol).first("n")
        return Int(value?.int64Value ?? 0)
    }

    private func queueTotal(_ queue: String = CoinswarmDeployment.queue) async -> Int {
        let response = await control(.get, "/cdn-cgi/local/queues/\(queue)")
        guard let data = try? await response.body.collect(),
            let info = try? JSONDecoder().decode(QueueInfo.self, from: data)
        else { return 0 }
        return info.total
    }

    private func missingNote(_ database: LocalD1Database) async -> String {
        let table = try? await database.prepare(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='\(CoinswarmDeployment.table)'"
        ).first()
        return table == nil
            ? "The probe point was not stored: the database has no \(CoinswarmDeployment.table) table"
            : "The probe point was acked but stored in neither price_data nor historical_prices"
    }

    private func control(
        _ method: HTTPRequest.Method, _ path: String, query: [String: String] = [:], body: Data? = nil
    ) async -> WorkerResponse {
        await emulator.control(method: method, path: path, query: query, body: body)
    }
}
