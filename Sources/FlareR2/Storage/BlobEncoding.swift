/// How one blob's bytes are stored (the `encoding` column of `_sf_blobs`).
enum BlobEncoding: Int, Sendable {
    /// The object's bytes as they are (Miniflare's own format).
    case identity = 0
    /// One Brotli stream.
    case brotli = 1
}

/// What a blob writer does with the bytes: keep them, or compress at a quality and window.
struct CompressionPlan: Sendable, Equatable {
    /// The encoding.
    var encoding: BlobEncoding
    /// Brotli quality (0...11).
    var quality: Int32 = 0
    /// Brotli window bits (10...24).
    var windowBits: Int32 = 22
    /// Whether to use Brotli's text mode.
    var text = false

    /// Store as is.
    static let identity = CompressionPlan(encoding: .identity)
}
