import Foundation

/// Sizes of one local bucket, as `swiftflare r2 stats` and `bucket info` print them.
public struct R2BucketStats: Sendable, Equatable, Codable {
    /// The bucket.
    public var bucket: String
    /// When the bucket was first opened here.
    public var created: Date?
    /// Committed objects.
    public var objects: Int
    /// Multipart uploads in progress.
    public var uploadsInProgress: Int
    /// Sum of object sizes.
    public var logicalBytes: Int
    /// Bytes their blobs take on disk.
    public var storedBytes: Int
    /// Objects whose blobs are Brotli-compressed (multipart objects count when any part is).
    public var compressedObjects: Int

    /// `storedBytes / logicalBytes` (1 for an empty bucket): 0.07 means a 93% size reduction.
    public var compressionRatio: Double {
        logicalBytes == 0 ? 1 : Double(storedBytes) / Double(logicalBytes)
    }

    /// Creates stats.
    public init(
        bucket: String, created: Date?, objects: Int, uploadsInProgress: Int, logicalBytes: Int, storedBytes: Int,
        compressedObjects: Int
    ) {
        self.bucket = bucket
        self.created = created
        self.objects = objects
        self.uploadsInProgress = uploadsInProgress
        self.logicalBytes = logicalBytes
        self.storedBytes = storedBytes
        self.compressedObjects = compressedObjects
    }
}

/// How one object is stored, for diagnostics and tests.
public struct R2StoredBlobInfo: Sendable, Equatable {
    /// `br` or `identity` (`mixed` for a multipart object with both).
    public var encoding: String
    /// Bytes on disk.
    public var storedSize: Int
}

/// An error of the bucket administration commands, with wrangler's wording where it has one.
public struct R2AdminError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
