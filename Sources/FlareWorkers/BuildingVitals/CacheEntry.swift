import FlareWorkerAPI
import Foundation

/// A cache hit: the stored JSON bytes and their metadata.
public struct CacheEntry: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The body exactly as stored.
    public var body: Data
    /// The stored custom metadata.
    public var customMetadata: [String: String]
    /// When the entry was generated.
    public var generated: Date
}
