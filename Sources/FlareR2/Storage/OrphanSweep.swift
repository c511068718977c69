import Foundation
import GRDB

/// Removes what an interrupted write left behind: temp files, blob files no row refers to, and
/// `_sf_blobs` rows of blobs no object or part uses. Runs once when a bucket opens.
enum OrphanSweep {
    /// Returns how many leftovers were removed.
    static func run(index: R2Index, store: BlobStore) throws -> Int {
        let files = FileManager.default
        var removed = 0
        for name in (try? files.contentsOfDirectory(atPath: store.tmpDirectory.path)) ?? [] {
            try? files.removeItem(at: store.tmpDirectory.appendingPathComponent(name))
            removed += 1
        }
        let referenced = try index.queue.write { db -> Set<String> in
            let used = Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT blob_id FROM _mf_objects WHERE blob_id IS NOT NULL
                        UNION SELECT blob_id FROM _mf_multipart_parts
                        """))
            // Rows of blobs nothing uses any more (their files go below).
            let recorded = try String.fetchAll(db, sql: "SELECT blob_id FROM _sf_blobs")
            for blob in recorded where !used.contains(blob) {
                try db.execute(sql: "DELETE FROM _sf_blobs WHERE blob_id = ?", arguments: [blob])
            }
            return used
        }
        for name in (try? files.contentsOfDirectory(atPath: store.blobsDirectory.path)) ?? []
        where !referenced.contains(name) {
            try? files.removeItem(at: store.blobsDirectory.appendingPathComponent(name))
            removed += 1
        }
        return removed
    }
}
