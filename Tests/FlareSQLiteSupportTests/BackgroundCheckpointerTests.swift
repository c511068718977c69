import FlareSQLiteSupport
import FlareTesting
import Foundation
import GRDB
import Testing

struct BackgroundCheckpointerTests {
    private func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    private func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.journalMode = .wal
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// A writer that never pauses still gets its WAL restarted: the checkpoint's second step, on
    /// the writer's connection, copies what the first left behind.
    @Test func aBusyWritersWALStaysBoundedAndEverythingReachesTheDatabase() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let path = root.url.appendingPathComponent("db.sqlite").path
        let queue = try open(path)
        let checkpointer = try BackgroundCheckpointer(queue, label: "test.checkpoint", pages: 50)
        try await queue.write { try $0.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)") }
        let payload = Data(repeating: 7, count: 3_000)
        var largestWAL = 0
        // About 2,000 pages committed; a WAL never restarted would end at least that long.
        for index in 0..<2_000 {
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO t (id, payload) VALUES (?, ?)", arguments: [index, payload])
            }
            largestWAL = max(largestWAL, size(path + "-wal"))
        }
        #expect(largestWAL < 2_000 * 4_096 / 2, "the WAL reached \(largestWAL) bytes")
        // Wait, bounded, for the last queued checkpoint; the database file holds the rows.
        var waited = 0
        while size(path) < 2_000 * 3_000 && waited < 200 {
            try await Task.sleep(for: .milliseconds(20))
            waited += 1
        }
        #expect(size(path) >= 2_000 * 3_000)
        withExtendedLifetime(checkpointer) {}
        let reopened = try open(path)
        #expect(try await reopened.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 2_000)
    }
}
