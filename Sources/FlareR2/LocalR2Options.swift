/// Tunables of a ``LocalR2Bucket`` beyond R2's own semantics.
public struct LocalR2Options: Sendable, Equatable {
    /// How bodies are compressed (quality and window per size, what is stored as is).
    public var compression: CompressionPolicy
    /// The minimum size of every multipart part but the last (R2: 5 MiB; Miniflare's own tests use
    /// 50 bytes).
    public var minimumPartSize: Int
    /// Bodies up to this many bytes are decoded into one buffer by `get`; larger ones are streamed
    /// in ``streamChunkSize`` chunks, so memory stays bounded.
    public var bufferedReadLimit: Int
    /// The chunk size of streamed bodies.
    public var streamChunkSize: Int
    /// Whether each blob is `fdatasync`ed before its rename (survives power loss). Without it, a
    /// write is still atomic against a crash of the process (temp file + rename, then the index
    /// commit), which is what an emulator mostly meets; syncing costs 0.4–5 ms a put on a busy disk.
    public var syncWrites: Bool
    /// Blobs of at most this many stored (compressed) bytes are kept inside the SQLite index and
    /// commit in the same transaction as their row, sparing a file create, sync and rename per put;
    /// larger ones get a file of their own. 0 stores every blob as a file (Miniflare's layout).
    public var inlineLimit: Int

    /// Creates options.
    public init(
        compression: CompressionPolicy = CompressionPolicy(), minimumPartSize: Int = 5 * 1024 * 1024,
        bufferedReadLimit: Int = 16 * 1024 * 1024, streamChunkSize: Int = 1024 * 1024, syncWrites: Bool = true,
        inlineLimit: Int = 128 * 1024
    ) {
        self.syncWrites = syncWrites
        self.inlineLimit = inlineLimit
        self.compression = compression
        self.minimumPartSize = minimumPartSize
        self.bufferedReadLimit = bufferedReadLimit
        self.streamChunkSize = streamChunkSize
    }
}
