import Foundation

/// A shared `flock` on the bucket directory, held while a bucket is open. The orphan sweep only
/// runs when the lock can first be taken exclusively, so it never removes the in-flight blob of
/// another open instance (another process, or another actor on the same bucket).
final class BucketLock: Sendable {
    private let fd: Int32
    /// Whether this instance was the only one open (and so may sweep).
    let exclusive: Bool

    init(directory: URL) throws {
        let path = directory.appendingPathComponent(".lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw R2StorageError.io("open bucket lock", errno: errno) }
        exclusive = flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    /// Turns the exclusive lock into a shared one once the sweep is done.
    func share() {
        flock(fd, LOCK_SH)
    }

    deinit { close(fd) }
}
