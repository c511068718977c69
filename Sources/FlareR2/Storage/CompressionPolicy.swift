import Foundation

/// Chooses how an object is stored from its size and HTTP metadata (see docs/r2.md for the
/// measurements behind the numbers).
public struct CompressionPolicy: Sendable, Equatable {
    /// Bodies smaller than this are stored as is: Brotli's framing and the codec setup cost more
    /// than the few bytes saved.
    public var minimumSize: Int
    /// Brotli quality for bodies up to ``smallLimit`` bytes.
    public var smallQuality: Int32
    /// Brotli quality for bodies up to ``mediumLimit`` bytes.
    public var mediumQuality: Int32
    /// Brotli quality for larger bodies.
    public var largeQuality: Int32
    /// The upper bound of a "small" body.
    public var smallLimit: Int
    /// The upper bound of a "medium" body.
    public var mediumLimit: Int
    /// A body whose probe (its first 64 KiB at quality 1) does not shrink below this fraction is
    /// stored as is.
    public var probeRatio: Double

    /// Creates a policy; the defaults are the measured trade-off of docs/r2.md.
    public init(
        minimumSize: Int = 256, smallQuality: Int32 = 5, mediumQuality: Int32 = 2, largeQuality: Int32 = 2,
        smallLimit: Int = 256 * 1024, mediumLimit: Int = 4 * 1024 * 1024, probeRatio: Double = 0.9
    ) {
        self.minimumSize = minimumSize
        self.smallQuality = smallQuality
        self.mediumQuality = mediumQuality
        self.largeQuality = largeQuality
        self.smallLimit = smallLimit
        self.mediumLimit = mediumLimit
        self.probeRatio = probeRatio
    }

    /// Stores nothing compressed (for tests and comparisons).
    public static let none = CompressionPolicy(minimumSize: .max)

    /// The Brotli quality and window bits chosen for a compressible body of `size` bytes.
    public func brotliParameters(size: Int) -> (quality: Int32, windowBits: Int32) {
        let plan = plan(size: max(size, minimumSize), contentType: nil, contentEncoding: nil)
        return (plan.quality, plan.windowBits)
    }

    /// The plan for a body of `size` bytes with this metadata (before probing its bytes).
    func plan(size: Int, contentType: String?, contentEncoding: String?) -> CompressionPlan {
        if size < minimumSize { return .identity }
        if let encoding = contentEncoding?.lowercased(), !encoding.isEmpty, encoding != "identity" {
            return .identity
        }
        let type = (contentType ?? "").lowercased()
        if Self.isPrecompressed(type) { return .identity }
        let quality = size <= smallLimit ? smallQuality : size <= mediumLimit ? mediumQuality : largeQuality
        // The window only needs to cover the body; a smaller one means smaller encoder tables.
        var bits: Int32 = 10
        while bits < 22 && (1 << bits) - 16 < size { bits += 1 }
        let text = type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.contains("csv")
        return CompressionPlan(encoding: .brotli, quality: quality, windowBits: bits, text: text)
    }

    /// Content types whose bytes are already compressed.
    static func isPrecompressed(_ type: String) -> Bool {
        if type.hasPrefix("image/") {
            return !(type.hasPrefix("image/svg") || type.hasPrefix("image/bmp") || type.hasPrefix("image/x-icon"))
        }
        if type.hasPrefix("video/") { return true }
        if type.hasPrefix("audio/") { return !(type.hasPrefix("audio/wav") || type.hasPrefix("audio/x-wav")) }
        let compressed = [
            "application/zip", "application/gzip", "application/x-gzip", "application/x-bzip2", "application/x-xz",
            "application/x-7z-compressed", "application/x-rar", "application/vnd.rar", "application/zstd",
            "application/x-brotli", "application/brotli", "application/pdf", "application/x-zstd", "font/woff",
            "font/woff2", "application/vnd.openxmlformats", "application/epub+zip", "application/java-archive",
        ]
        return compressed.contains { type.hasPrefix($0) }
    }
}
