import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Testing

@testable import FlareD1

/// Opens a fresh database in a temporary persist root.
func withDatabase(_ id: String = "DB", _ body: (LocalD1Database, URL) async throws -> Void) async throws {
    try await TemporaryDirectory.with { root in
        let db = try LocalD1Database(persistRoot: root, databaseID: id, logger: Logger(label: "test"))
        try await body(db, root)
    }
}

/// Expects `body` to throw a `D1Error` with exactly `message`.
func expectD1Error(_ message: String, _ body: () async throws -> Void) async {
    do {
        try await body()
        Issue.record("expected \(message)")
    } catch let error as D1Error {
        #expect(error.message == message)
    } catch {
        Issue.record("unexpected \(error)")
    }
}

struct LocalD1DatabaseTests {
    @Test func objectIDVectors() {
        #expect(
            D1ObjectID.objectID(forName: "00000000-0000-0000-0000-000000000000")
                == "9ba2b04bf514d9facfd57ed57d849e77241a7adc99d1c1545d06688b43d84248")
        #expect(
            D1ObjectID.objectID(forName: "DB") == "e7352547963de7050bd7d94658afc4fe78b61811b7815da12d90be8e863abf4d")
    }

    @Test func fileLivesInWranglerLayout() async throws {
        try await withDatabase("my/ Database") { db, root in
            _ = try await db.prepare("CREATE TABLE t (a)").run()
            let expected = root.appendingPathComponent(
                "v3/d1/miniflare-D1DatabaseObject/\(D1ObjectID.objectID(forName: "my/ Database")).sqlite")
            #expect(db.fileURL.path == expected.path)
            #expect(FileManager.default.fileExists(atPath: expected.path))
        }
    }

    @Test func pinnedMetaCases() async throws {
        try await withDatabase { db, _ in
            _ = try await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
            let insert = try await db.prepare("INSERT INTO t (name) VALUES (?)").bind("a").run()
            #expect(insert.meta.rowsRead == 1)
            #expect(insert.meta.rowsWritten == 1)
            #expect(insert.meta.changes == 1)
            #expect(insert.meta.changedDB)
            #expect(insert.meta.servedBy == "miniflare.db")
            _ = try await db.prepare("INSERT INTO t (name) VALUES ('b'), ('c')").run()
            let select = try await db.prepare("SELECT * FROM t").all()
            #expect(select.rawRows.count == 3)
            #expect(select.meta.rowsRead == 3)
            #expect(select.meta.rowsWritten == 0)
            #expect(select.meta.changes == 0)
            #expect(!select.meta.changedDB)
            #expect(select.meta.duration >= 0)
            #expect(select.meta.sizeAfter > 0)
            let returning = try await db.prepare("INSERT INTO t (name) VALUES ('d') RETURNING *").all()
            #expect(returning.meta.rowsRead == 2)
            #expect(returning.meta.rowsWritten == 1)
            #expect(returning.meta.changes == 1)
            #expect(returning.meta.lastRowID == 4)
            #expect(returning.meta.changedDB)
            #expect(returning.rows.first?["name"] == .text("d"))
            let two = try await db.prepare("INSERT INTO t (name) VALUES ('e'); INSERT INTO t (name) VALUES ('f');")
                .run()
            #expect(two.meta.changes == 2)
            #expect(two.meta.rowsRead == 1)
            #expect(two.meta.rowsWritten == 1)
            #expect(two.rawRows.isEmpty)
        }
    }

    @Test func failingBatchRollsBackEverything() async throws {
        try await withDatabase { db, _ in
            _ = try await db.exec("CREATE TABLE t (a INTEGER)")
            let insert = db.prepare("INSERT INTO t VALUES (?)")
            await expectD1Error("D1_ERROR: near \"PUT\": syntax error at offset 0: SQLITE_ERROR") {
                _ = try await db.batch([insert.bind(1), db.prepare("PUT IN 2"), insert.bind(3)])
            }
            #expect(try await db.prepare("SELECT count(*) AS n FROM t").first("n") == .integer(0))
        }
    }
}
