import FlareWorkerAPI
import Foundation
import Synchronization

/// A logic-test fake of D1 that understands only the Coinswarm statements: `INSERT OR IGNORE INTO
/// price_data` (with the UNIQUE key and NOT NULL columns), the two tracking INSERTs and the `/stats`
/// SELECT. Batches are all-or-nothing. The real `LocalD1Database` replaces it in the e2e tests.
final class FakeD1Database: D1Database, Sendable {
    struct State {
        var priceRows: [[D1Value]] = []
        var keys: Set<[D1Value]> = []
        var failedIngestions: [[D1Value]] = []
        var ingestionStats: [[D1Value]] = []
        var batchSizes: [Int] = []
        /// Returns an error to throw for a query, consulted before running it.
        var failure: (@Sendable (D1Query) -> D1Error?)?
        /// How many more `execute` calls fail with `database is locked`.
        var busyCalls = 0
    }

    let state = Mutex(State())

    var priceRows: [[D1Value]] { state.withLock { $0.priceRows } }
    var failedIngestions: [[D1Value]] { state.withLock { $0.failedIngestions } }
    var ingestionStats: [[D1Value]] { state.withLock { $0.ingestionStats } }
    var batchSizes: [Int] { state.withLock { $0.batchSizes } }

    func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result] {
        try state.withLock { state in
            if state.busyCalls > 0 {
                state.busyCalls -= 1
                throw D1Error(message: "D1_ERROR: database is locked: SQLITE_BUSY")
            }
            var working = state
            working.batchSizes.append(queries.count)
            let results = try queries.map { try Self.run($0, on: &working) }
            state = working
            return results
        }
    }

    private static func run(_ query: D1Query, on state: inout State) throws -> D1Result {
        if let error = state.failure?(query) { throw error }
        let sql = query.sql.trimmingCharacters(in: .whitespacesAndNewlines)
        if sql.hasPrefix("INSERT OR IGNORE INTO price_data") {
            let names = ["symbol", "timestamp", "timeframe", "open", "high", "low", "close"]
            for (index, name) in names.enumerated() where query.params[index].isNull {
                throw D1Error(message: "D1_ERROR: NOT NULL constraint failed: price_data.\(name): SQLITE_CONSTRAINT")
            }
            let key = [query.params[0], query.params[1], query.params[2], query.params[9]]
            guard state.keys.insert(key).inserted else { return result(changes: 0) }
            state.priceRows.append(query.params)
            return result(changes: 1)
        }
        if sql.hasPrefix("INSERT INTO failed_ingestions") {
            state.failedIngestions.append(query.params)
            return result(changes: 1)
        }
        if sql.hasPrefix("INSERT INTO ingestion_stats") {
            state.ingestionStats.append(query.params)
            return result(changes: 1)
        }
        if sql.hasPrefix("SELECT COUNT(*) as total") {
            let rows = state.priceRows.filter { $0[0] == query.params[0] }
            guard !rows.isEmpty else { return D1Result(columns: [], rawRows: [], meta: D1Meta()) }
            let stamps = rows.compactMap { $0[1].int64Value }
            return D1Result(
                columns: ["total", "oldest", "newest", "symbol"],
                rawRows: [
                    [.integer(Int64(rows.count)), .integer(stamps.min()!), .integer(stamps.max()!), query.params[0]]
                ],
                meta: D1Meta())
        }
        throw D1Error(message: "FakeD1Database does not understand: \(sql)")
    }

    private static func result(changes: Int) -> D1Result {
        D1Result(columns: [], rawRows: [], meta: D1Meta(changes: changes, changedDB: changes > 0))
    }

    func exec(_ sql: String) async throws -> D1ExecResult { throw D1Error(message: "not supported by the fake") }
    func dump() async throws -> Data { Data() }
    func withSession(_ constraintOrBookmark: String?) -> any D1DatabaseSession { FakeSession(database: self) }

    private struct FakeSession: D1DatabaseSession {
        let database: any D1Database
        func getBookmark() async -> String? { nil }
        func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result] {
            try await database.execute(queries, mode: mode)
        }
    }
}
