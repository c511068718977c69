import Foundation

/// What a finished write produced.
struct WrittenBlob: Sendable {
    /// The blob id (its file name).
    var id: String
    /// How it is stored.
    var encoding: BlobEncoding
    /// Bytes on disk.
    var storedSize: Int
    /// Bytes of the object.
    var logicalSize: Int
    /// The stored bytes when the blob lives in the index rather than in a file.
    var inline: Data? = nil
}

/// Writes one blob atomically. Stored bytes are kept in memory while they fit the store's inline
/// limit, and then become an inline blob committed with the index row; past the limit they go to
/// `tmp/<id>.tmp`, which is synced and renamed into `blobs/` by ``commit()``. Until then the blob is
/// invisible; a crash leaves at most a temp file, which the sweep at open removes.
final class BlobWriter {
    let id: String
    private let store: BlobStore
    private(set) var plan: CompressionPlan
    /// Only a blob that outgrows the inline limit needs a temp file, and a path.
    private lazy var tmpPath = store.tmpDirectory.appendingPathComponent("\(id).tmp").path
    private var fd: Int32 = -1
    private var memory: Data?
    private var encoder: BrotliEncoder?
    private(set) var storedSize = 0
    private(set) var logicalSize = 0

    init(store: BlobStore, id: String, plan: CompressionPlan, sizeHint: Int) throws {
        self.store = store
        self.id = id
        self.plan = plan
        if store.inlineLimit > 0 {
            memory = Data()
        } else {
            try openFile()
        }
        if plan.encoding == .brotli {
            encoder = try BrotliEncoder(
                quality: plan.quality, windowBits: plan.windowBits, sizeHint: sizeHint, text: plan.text)
        }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(tmpPath)
        }
    }

    /// Appends object bytes.
    /// - Throws: `R2StorageError` on I/O or codec failure.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        logicalSize += bytes.count
        if let encoder {
            try encoder.compress(bytes, finish: false) { try writeAll($0) }
        } else {
            try writeAll(bytes)
        }
    }

    /// Starts over storing the bytes as they are (used when compression did not pay off).
    func restartAsIdentity() throws {
        if memory != nil {
            memory = Data()
        } else if ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 {
            throw R2StorageError.io("truncate temp blob", errno: errno)
        }
        encoder = nil
        plan = .identity
        storedSize = 0
        logicalSize = 0
    }

    /// Ends the Brotli stream (no-op for identity) without committing.
    func finishEncoding() throws {
        if let encoder {
            try encoder.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) { try writeAll($0) }
        }
        encoder = nil
    }

    /// Finishes, syncs and renames the blob into place.
    /// - Throws: `R2StorageError` on I/O failure (the temp file is removed).
    func commit() throws -> WrittenBlob {
        try finishEncoding()
        if let memory {
            return WrittenBlob(
                id: id, encoding: plan.encoding, storedSize: storedSize, logicalSize: logicalSize, inline: memory)
        }
        guard !store.syncWrites || fdatasync(fd) == 0 else { throw R2StorageError.io("fdatasync blob", errno: errno) }
        close(fd)
        fd = -1
        let finalPath = try store.path(of: id)
        guard rename(tmpPath, finalPath) == 0 else {
            let code = errno
            unlink(tmpPath)
            throw R2StorageError.io("rename blob", errno: code)
        }
        return WrittenBlob(id: id, encoding: plan.encoding, storedSize: storedSize, logicalSize: logicalSize)
    }

    private func openFile() throws {
        fd = open(tmpPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw R2StorageError.io("create temp blob", errno: errno) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        if memory != nil {
            if storedSize + bytes.count <= store.inlineLimit {
                memory!.append(contentsOf: bytes)
                storedSize += bytes.count
                return
            }
            // Too big to live in the index: spill what is buffered to the temp file.
            let buffered = memory!
            memory = nil
            try openFile()
            storedSize = 0
            try buffered.withUnsafeBytes { try writeToFile($0) }
        }
        try writeToFile(bytes)
    }

    private func writeToFile(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw R2StorageError.io("write blob", errno: errno)
            }
            offset += n
        }
        storedSize += bytes.count
    }
}
