import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Testing

@testable import FlareD1

struct D1DumpImportTests {
    @Test func dumpFormat() async throws {
        try await withDatabase { db, _ in
            _ = try await db.exec(
                """
                CREATE TABLE "Quoted" (id INTEGER PRIMARY KEY AUTOINCREMENT, s TEXT, r REAL, b BLOB)
                INSERT INTO "Quoted" (s, r, b) VALUES ('it''s' || char(10) || 'x' || char(13), 0.5, X'00ff')
                INSERT INTO "Quoted" (s, r, b) VALUES (NULL, 3.0, NULL)
                CREATE INDEX idx_s ON "Quoted"(s)
                """)
            let text = String(decoding: try await db.dump(), as: UTF8.self)
            #expect(
                text == """
                    PRAGMA defer_foreign_keys=TRUE;
                    CREATE TABLE IF NOT EXISTS "Quoted" (id INTEGER PRIMARY KEY AUTOINCREMENT, s TEXT, r REAL, b BLOB);
                    INSERT INTO "Quoted" ("id","s","r","b") VALUES(1,replace(replace('it''s\\nx\\r','\\r',char(13)),'\\n',char(10)),0.5,X'00ff');
                    INSERT INTO "Quoted" ("id","s","r","b") VALUES(2,NULL,3,NULL);
                    DELETE FROM sqlite_sequence;
                    INSERT INTO "sqlite_sequence" ("name","seq") VALUES('Quoted',2);
                    CREATE INDEX idx_s ON "Quoted"(s);
                    """)
            let schemaOnly = String(decoding: try await db.export(D1ExportOptions(noData: true)), as: UTF8.self)
            #expect(!schemaOnly.contains("INSERT"))
            let dataOnly = String(decoding: try await db.export(D1ExportOptions(noSchema: true)), as: UTF8.self)
            #expect(!dataOnly.contains("CREATE"))
        }
    }

    @Test func exportImportRoundTrip() async throws {
        try await TemporaryDirectory.with { root in
            let source = try LocalD1Database(persistRoot: root, databaseID: "a", logger: Logger(label: "t"))
            _ = try await source.exec("CREATE TABLE v (i INTEGER, r REAL, t TEXT, b BLOB, n NUMERIC, x)")
            let insert = source.prepare("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?)")
            _ = try await source.batch([
                insert.bind(Int64.max, 1e-7, "quote ' and \"; newline\nCR\r", Data([0, 39, 10, 255]), 12, "any"),
                insert.bind(D1Value.null, D1Value.null, "", Data(), D1Value.null, 2.5),
                insert.bind(-1, -1.25e300, "ünï", Data([1]), 1.5, Data([2])),
            ])
            let file = root.appendingPathComponent("dump.sql")
            try await source.export(D1ExportOptions(), to: file)
            let target = try LocalD1Database(persistRoot: root, databaseID: "b", logger: Logger(label: "t"))
            let imported = try await target.importSQL(contentsOf: file)
            #expect(imported.statements == 5)
            let before = try await source.prepare("SELECT * FROM v ORDER BY rowid").raw()
            let after = try await target.prepare("SELECT * FROM v ORDER BY rowid").raw()
            #expect(before == after)
            #expect(try await target.dump() == (try await source.dump()))
        }
    }

    @Test func importWrapperRules() async throws {
        try await withDatabase { db, _ in
            let result = try await db.importSQL(
                "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t (a TEXT);\n"
                    + "INSERT INTO t VALUES ('a;b');\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;\nCOMMIT;\n"
            )
            #expect(result.statements == 4)
            await expectD1Error("D1_ERROR: \(LocalD1Database.severalTransactionsMessage)") {
                _ = try await db.importSQL(
                    "BEGIN TRANSACTION;\nCOMMIT;\nBEGIN TRANSACTION;\nINSERT INTO t VALUES ('z');")
            }
            #expect(try await db.prepare("SELECT count(*) AS n FROM t").first("n") == .integer(1))
        }
    }

    @Test func concurrentWritersNeverSeeBusy() async throws {
        try await TemporaryDirectory.with { root in
            let first = try LocalD1Database(persistRoot: root, databaseID: "c", logger: Logger(label: "t"))
            _ = try await first.exec("CREATE TABLE t (a INTEGER)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        // Separate instances share the file, as several workers binding one id do.
                        let db = try LocalD1Database(persistRoot: root, databaseID: "c", logger: Logger(label: "t"))
                        for index in 0..<25 {
                            _ = try await db.prepare("INSERT INTO t VALUES (?)").bind(worker * 100 + index).run()
                            _ = try await db.prepare("SELECT count(*) FROM t").all()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await first.prepare("SELECT count(*) AS n FROM t").first("n") == .integer(200))
        }
    }
}
