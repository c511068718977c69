import Foundation
import GRDB
import GRDBSQLite

/// Checkpoints off the write path.
///
/// With SQLite's automatic checkpoint, the commit that takes the WAL past 1,000 pages copies them
/// into the database and syncs both files before `put` returns: about a third of a small put's
/// commit cost, on average. Instead, a WAL hook notes the size after each commit and queues a
/// passive checkpoint on a utility queue, where its I/O overlaps with the next put's compression.
/// Committed data is in the WAL either way, so a crash loses nothing; SQLite replays the WAL at open.
extension R2Index {
    /// WAL pages past which a background checkpoint is queued (SQLite's own default threshold).
    static let checkpointPages: Int32 = 1000

    func installCheckpointHook() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        queue.writeWithoutTransaction { db in
            // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
            _ = sqlite3_wal_hook(
                db.sqliteConnection,
                { context, _, _, pages in
                    if pages >= R2Index.checkpointPages, let context {
                        Unmanaged<R2Index>.fromOpaque(context).takeUnretainedValue().scheduleCheckpoint()
                    }
                    return SQLITE_OK
                }, context)
        }
    }

    func removeCheckpointHook() {
        queue.writeWithoutTransaction { db in _ = sqlite3_wal_hook(db.sqliteConnection, nil, nil) }
    }

    private func scheduleCheckpoint() {
        guard
            checkpointPending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
                .exchanged
        else { return }
        checkpointQueue.async { [self] in
            // Passive: copies what no reader needs, never waits for readers or writers to finish.
            _ = try? queue.writeWithoutTransaction { try $0.checkpoint(.passive) }
            checkpointPending.store(false, ordering: .releasing)
        }
    }
}
