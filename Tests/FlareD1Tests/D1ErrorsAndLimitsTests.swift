import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareD1

struct D1ErrorsAndLimitsTests {
    @Test func exactErrorStrings() async throws {
        try await withDatabase { db, _ in
            _ = try await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, u TEXT UNIQUE)")
            await expectD1Error("D1_ERROR: no such table: missing: SQLITE_ERROR") {
                _ = try await db.prepare("SELECT * FROM missing").all()
            }
            _ = try await db.prepare("INSERT INTO t VALUES (1, 'x')").run()
            await expectD1Error(
                "D1_ERROR: UNIQUE constraint failed: t.id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)"
            ) {
                _ = try await db.prepare("INSERT INTO t VALUES (1, 'y')").run()
            }
            await expectD1Error("D1_ERROR: No SQL statements detected.") { _ = try await db.prepare("  ").all() }
            await expectD1Error("D1_ERROR: SQL code did not contain a statement.") {
                _ = try await db.prepare("-- only a comment").all()
            }
            await expectD1Error("D1_ERROR: Wrong number of parameter bindings for SQL query.") {
                _ = try await db.prepare("SELECT ?").all()
            }
            await expectD1Error(
                "D1_ERROR: When executing multiple SQL statements in a single call, only the last statement can have parameters."
            ) { _ = try await db.prepare("SELECT ?; SELECT 1").bind(1).all() }
            await expectD1Error("D1_COLUMN_NOTFOUND: Column not found (nope)") {
                _ = try await db.prepare("SELECT 1 AS a").first("nope")
            }
            await expectD1Error("D1_TYPE_ERROR: Type 'object' not supported for value '[object Object]'") {
                _ = try db.prepare("SELECT ?").bind(dynamic: [["a": 1] as [String: Int]])
            }
            await expectD1Error(
                "D1_EXEC_ERROR: Error in line 1: CREATE TABLE ok (a);: no such table: nope: SQLITE_ERROR"
            ) {
                _ = try await db.exec("CREATE TABLE ok (a);\nSELECT * FROM nope;")
            }
            // The exec ran in one transaction: the first line was rolled back.
            await expectD1Error("D1_ERROR: no such table: ok: SQLITE_ERROR") {
                _ = try await db.prepare("SELECT * FROM ok").all()
            }
        }
    }

    @Test func transactionsAndForbiddenStatementsAreRefused() async throws {
        try await withDatabase { db, _ in
            await expectD1Error("D1_ERROR: \(SQLiteConnection.transactionRefusal)") {
                _ = try await db.prepare("BEGIN TRANSACTION").run()
            }
            await expectD1Error("D1_ERROR: \(SQLiteConnection.transactionRefusal)") {
                _ = try await db.prepare("SAVEPOINT a").run()
            }
            await expectD1Error("D1_ERROR: not authorized: SQLITE_AUTH") {
                _ = try await db.prepare("ATTACH DATABASE 'x.db' AS x").run()
            }
            await expectD1Error("D1_ERROR: not authorized: SQLITE_AUTH") {
                _ = try await db.prepare("CREATE TABLE _CF_secret (a)").run()
            }
            await expectD1Error("D1_ERROR: not authorized: SQLITE_AUTH") {
                _ = try await db.prepare("PRAGMA journal_mode").all()
            }
            let fk = try await db.prepare("PRAGMA foreign_keys").first("foreign_keys")
            #expect(fk == .integer(1))
            _ = try await db.prepare("PRAGMA table_list").all()
        }
    }

    @Test func limits() async throws {
        try await withDatabase { db, _ in
            let hundred = (1...100).map { _ in "?" }.joined(separator: ",")
            let ok = try await db.prepare("SELECT \(hundred)").bind(values: (1...100).map { .integer(Int64($0)) }).raw()
            #expect(ok.first?.count == 100)
            await expectD1Error("D1_ERROR: too many SQL variables at offset 207: SQLITE_ERROR") {
                _ = try await db.prepare("SELECT \(hundred),?").bind(values: (1...101).map { .integer(Int64($0)) })
                    .raw()
            }
            let longSQL = "SELECT '" + String(repeating: "x", count: 100_001) + "'"
            await expectD1Error("D1_ERROR: statement too long: SQLITE_TOOBIG") {
                _ = try await db.prepare(longSQL).all()
            }
            let columns = (1...101).map { "c\($0)" }.joined(separator: ",")
            await expectD1Error("D1_ERROR: too many columns on t: SQLITE_ERROR") {
                _ = try await db.prepare("CREATE TABLE t (\(columns))").run()
            }
        }
    }

    @Test func typesRoundTripWithoutPrecisionLoss() async throws {
        try await withDatabase { db, _ in
            let big: Int64 = 9_007_199_254_740_993
            let row = try await db.prepare("SELECT ?3 AS c, ?1 AS a, ?2 AS b, ?4 AS d, ?5 AS e, ?6 AS f")
                .bind(big, 1.5, "text", Data([0, 1, 255]), true, D1Value.null).first()
            #expect(row?["a"] == .integer(big))
            #expect(row?["b"] == .real(1.5))
            #expect(row?["c"] == .text("text"))
            #expect(row?["d"] == .blob(Data([0, 1, 255])))
            #expect(row?["e"] == .integer(1))
            #expect(row?["f"] == .null)
            struct Pair: Decodable, Equatable {
                var a: Int64
                var c: String
            }
            let pairs = try await db.prepare("SELECT 7 AS a, 'x' AS c").all(as: Pair.self)
            #expect(pairs == [Pair(a: 7, c: "x")])
            let raw = try await db.prepare("SELECT 1 AS a, 2 AS a").raw(columnNames: true)
            #expect(raw == [[.text("a"), .text("a")], [.integer(1), .integer(2)]])
            #expect(try await db.prepare("SELECT 1 WHERE 0").first("x") == nil)
        }
    }

    @Test func sessionBookmarksAdvanceWithWrites() async throws {
        try await withDatabase { db, _ in
            let session = db.withSession("first-primary")
            #expect(await session.getBookmark() == nil)
            _ = try await session.prepare("CREATE TABLE t (a)").run()
            let first = try #require(await session.getBookmark())
            #expect(first == "00000000-00000001-00000000-00000000000000000000000000000000")
            _ = try await session.prepare("INSERT INTO t VALUES (1)").run()
            let second = try #require(await session.getBookmark())
            #expect(second > first)
            _ = try await session.prepare("SELECT * FROM t").all()
            #expect(await session.getBookmark() == second)
        }
    }
}
