import FlareTesting
import FlareWorkerAPI
import Foundation
import Testing

@testable import FlareD1

struct D1MigrationsTests {
    @Test func createListApply() async throws {
        try await withDatabase { db, root in
            let migrations = D1Migrations(directory: root.appendingPathComponent("migrations"))
            let first = try migrations.create(message: "create users", now: Date(timeIntervalSince1970: 0))
            #expect(first.lastPathComponent == "0001_create_users.sql")
            let header = try String(contentsOf: first, encoding: .utf8)
            #expect(header == "-- Migration number: 0001 \t 1970-01-01T00:00:00.000Z\n")
            try Data((header + "CREATE TABLE users (id INTEGER PRIMARY KEY);").utf8).write(to: first)
            let second = try migrations.create(message: "seed", now: Date(timeIntervalSince1970: 0))
            #expect(second.lastPathComponent == "0002_seed.sql")
            try Data("INSERT INTO users VALUES (1);\nINSERT INTO nope VALUES (1);".utf8).write(to: second)
            #expect(try await migrations.pending(on: db) == ["0001_create_users.sql", "0002_seed.sql"])
            await expectD1Error("D1_ERROR: no such table: nope: SQLITE_ERROR") { try await migrations.apply(on: db) }
            // The first applied; the failing one left nothing behind.
            #expect(try await migrations.applied(on: db) == ["0001_create_users.sql"])
            #expect(try await db.prepare("SELECT count(*) AS n FROM users").first("n") == .integer(0))
            try Data("INSERT INTO users VALUES (1);".utf8).write(to: second)
            #expect(try await migrations.apply(on: db) == ["0002_seed.sql"])
            #expect(try await migrations.pending(on: db).isEmpty)
        }
    }
}
