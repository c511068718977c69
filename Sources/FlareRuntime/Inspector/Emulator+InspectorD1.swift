import FlareD1
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension Emulator {
    /// `api/d1` (databases, tables, row counts), `api/d1/<id>/tables/<table>?offset=&limit=` (a page
    /// of rows), `POST api/d1/<id>/query` (SQL console) and `api/d1/<id>/export` (SQL dump).
    func inspectorD1(method: HTTPRequest.Method, parts: [String], query: [String: String], body: Data?)
        async throws -> WorkerResponse
    {
        let databases = resources?.databases ?? [:]
        guard let id = parts.first else {
            var list: [JSONValue] = []
            for (id, database) in databases.sorted(by: { $0.key < $1.key }) {
                guard case .object(var info) = try await D1Admin.info(database) else { continue }
                info["id"] = .string(id)
                info["bindings"] = .array(d1Bindings(storageID: id).map(JSONValue.string))
                list.append(.object(info))
            }
            return .json(.array(list))
        }
        guard let database = databases[id] else {
            return Self.apiError("No D1 database with id \(id)", status: .notFound)
        }
        switch (method, parts.dropFirst().first ?? "") {
        case (.get, "tables") where parts.count == 3:
            return try await tablePage(
                database, table: parts[2], offset: query["offset"].flatMap(Int.init) ?? 0,
                limit: query["limit"].flatMap(Int.init) ?? 50)
        case (.post, "query"):
            return await console(database, sql: String(decoding: body ?? Data(), as: UTF8.self))
        case (.get, "export"):
            var response = WorkerResponse(body: WorkerBody(data: try await database.dump()))
            response.headers[.contentType] = "application/sql;charset=UTF-8"
            response.headers[.contentDisposition] = "attachment; filename=\"\(id).sql\""
            return response
        default:
            return Self.apiError(
                "Unknown D1 route \(method.rawValue) \(parts.joined(separator: "/"))", status: .notFound)
        }
    }

    /// `worker.BINDING (database_name)` for each binding of the database stored as `storageID`.
    func d1Bindings(storageID: String) -> [String] {
        configs.flatMap { config in
            config.d1Databases.filter { $0.storageID == storageID }.map { binding in
                "\(config.name).\(binding.binding)" + (binding.databaseName.map { " (\($0))" } ?? "")
            }
        }
    }

    /// One page of a table's rows (`rowid` order when the table has one) and its row count.
    private func tablePage(_ database: LocalD1Database, table: String, offset: Int, limit: Int) async throws
        -> WorkerResponse
    {
        guard case .object(let info) = try await D1Admin.info(database), let tables = info["tables"]?.objectValue,
            let total = tables[table]?.int64Value
        else {
            return Self.apiError("No table named \(table)", status: .notFound)
        }
        let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let result = try await database.prepare("SELECT * FROM \(quoted) LIMIT ?1 OFFSET ?2")
            .bind(min(max(limit, 1), 1000), max(offset, 0)).all()
        return .json([
            "table": .string(table), "total": .int(total), "offset": .int(Int64(max(offset, 0))),
            "limit": .int(Int64(min(max(limit, 1), 1000))),
            "columns": .array(result.columns.map(JSONValue.string)),
            "rows": .array(result.rawRows.map { .array($0.map(\.jsonValue)) }),
        ])
    }

    /// Runs the console's SQL as `wrangler d1 execute --command` does locally (one transaction, same
    /// errors): `{"results": [{columns, rows, meta}]}`, or `{"error": <D1's message>}` with 400.
    private func console(_ database: LocalD1Database, sql: String) async -> WorkerResponse {
        do {
            let imported = try await database.importSQL(sql)
            let results: [JSONValue] = imported.results.map { result in
                .object([
                    "columns": .array(result.columns.map(JSONValue.string)),
                    "rows": .array(result.rawRows.map { .array($0.map(\.jsonValue)) }),
                    "meta": result.meta.jsonValue,
                ])
            }
            return .json([
                "statements": .int(Int64(imported.statements)), "changes": .int(Int64(imported.changes)),
                "results": .array(results),
            ])
        } catch let error as D1Error {
            return .json(
                ["error": .string(error.message), "text": .string(error.causeMessage ?? error.message)],
                status: .badRequest)
        } catch {
            return Self.apiError("\(error)")
        }
    }
}
