import FlareWorkerAPI
import Foundation
import GRDB

/// A test-only D1 over a real SQLite file (GRDB), for logic tests until `LocalD1Database` is merged.
/// It runs the worker's real migrations; it is not the emulator's D1 (no D1 error strings, no meta figures
/// beyond `changes`).
final class VitalsFakeD1Database: D1Database {
    let queue: DatabaseQueue

    init(path: String) throws {
        queue = try DatabaseQueue(path: path)
    }

    func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result] {
        try await queue.write { db in
            try queries.map { query in
                let statement = try db.makeStatement(sql: query.sql)
                statement.arguments = StatementArguments(query.params.map(Self.databaseValue))
                let columns = statement.columnNames
                var rows: [[D1Value]] = []
                if statement.isReadonly {
                    rows = try Row.fetchAll(statement).map { row in row.databaseValues.map(Self.d1Value) }
                } else {
                    try statement.execute()
                }
                return D1Result(
                    columns: columns, rawRows: rows,
                    meta: D1Meta(changes: statement.isReadonly ? 0 : db.changesCount, lastRowID: db.lastInsertedRowID)
                )
            }
        }
    }

    func exec(_ sql: String) async throws -> D1ExecResult {
        try await queue.write { try $0.execute(sql: sql) }
        return D1ExecResult(count: 1, duration: 0)
    }

    func dump() async throws -> Data { Data() }

    func withSession(_ constraintOrBookmark: String?) -> any D1DatabaseSession { VitalsFakeD1Session(database: self) }

    private static func databaseValue(_ value: D1Value) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let value): return value.databaseValue
        case .real(let value): return value.databaseValue
        case .text(let value): return value.databaseValue
        case .blob(let value): return value.databaseValue
        }
    }

    private static func d1Value(_ value: DatabaseValue) -> D1Value {
        switch value.storage {
        case .null: return .null
        case .int64(let value): return .integer(value)
        case .double(let value): return .real(value)
        case .string(let value): return .text(value)
        case .blob(let value): return .blob(value)
        }
    }
}

/// A session over ``VitalsFakeD1Database``.
struct VitalsFakeD1Session: D1DatabaseSession {
    let database: any D1Database

    func getBookmark() async -> String? { nil }

    func execute(_ queries: [D1Query], mode: D1ResultMode) async throws -> [D1Result] {
        try await database.execute(queries, mode: mode)
    }
}
