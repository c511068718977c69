import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Moves a WAL database's checkpoints off its write path.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages: that
/// commit copies the pages into the database file and syncs both files before it returns. This
/// replaces it with a WAL hook that notes the WAL's size after each commit and, past the same
/// threshold, queues a passive checkpoint on a utility dispatch queue, through a second connection
/// of its own: SQLite lets a checkpoint copy committed pages while the writer goes on appending, so
/// the copy and its `fdatasync`s overlap with the writer's next transactions instead of holding
/// its connection. A second, short checkpoint on the writer's connection then copies the pages
/// committed during the first, so that the WAL restarts from its beginning. Committed data is in the WAL either way: a crash loses nothing, and SQLite
/// replays the WAL when the database next opens.
///
/// ```swift
/// let queue = try DatabaseQueue(path: path, configuration: configuration)  // in WAL mode
/// let checkpointer = try BackgroundCheckpointer(queue, label: "swiftflare.r2.checkpoint")
/// ```
/// Keep the checkpointer as long as the queue is used; releasing it restores SQLite's own hook.
public final class BackgroundCheckpointer: Sendable {
    /// WAL pages past which a checkpoint is queued (SQLite's own default threshold).
    public static let defaultPages: Int32 = 1000

    private let queue: DatabaseQueue
    /// The connection checkpoints run on, so that they never wait for the writer nor block it.
    private let checkpointing: DatabaseQueue
    private let pages: Int32
    private let pending = Atomic<Bool>(false)
    private let dispatch: DispatchQueue

    /// Installs the hook on `queue`'s connection and opens the checkpointing connection.
    /// - Parameters:
    ///   - queue: a database in WAL mode, on a file.
    ///   - label: the dispatch queue's label.
    ///   - pages: the WAL size, in pages, that triggers a checkpoint.
    /// - Throws: a GRDB `DatabaseError` when the second connection cannot be opened.
    public init(_ queue: DatabaseQueue, label: String, pages: Int32 = BackgroundCheckpointer.defaultPages) throws {
        self.queue = queue
        self.pages = pages
        var configuration = Configuration()
        configuration.label = label
        checkpointing = try DatabaseQueue(path: queue.path, configuration: configuration)
        dispatch = DispatchQueue(label: label, qos: .utility)
        let context = Unmanaged.passUnretained(self).toOpaque()
        queue.writeWithoutTransaction { db in
            _ = sqlite3_wal_hook(
                db.sqliteConnection,
                { context, _, _, walPages in
                    if let context {
                        Unmanaged<BackgroundCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(walPages)
                    }
                    return SQLITE_OK
                }, context)
        }
    }

    deinit {
        // Back to SQLite's automatic checkpoint, which is itself a WAL hook.
        queue.writeWithoutTransaction { db in _ = sqlite3_wal_autocheckpoint(db.sqliteConnection, 1000) }
    }

    private func committed(_ walPages: Int32) {
        guard walPages >= pages,
            pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        dispatch.async { [self] in
            // Passive: copies what no reader still needs; never waits for readers or writers. The
            // bulk goes through the second connection while the writer goes on...
            _ = try? checkpointing.writeWithoutTransaction { try $0.checkpoint(.passive) }
            // ...then the few pages committed meanwhile, between two of the writer's transactions:
            // a WAL copied to its end restarts from its beginning at the next commit, while one
            // always a little behind would grow without bound.
            _ = try? queue.writeWithoutTransaction { try $0.checkpoint(.passive) }
            pending.store(false, ordering: .releasing)
        }
    }
}
