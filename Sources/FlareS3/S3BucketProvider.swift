import FlareR2
import Foundation

/// A bucket as `ListBuckets` reports it.
public struct S3BucketInfo: Sendable, Equatable {
    /// The name.
    public var name: String
    /// When it was created (first opened here).
    public var created: Date

    /// Creates an entry.
    public init(name: String, created: Date) {
        self.name = name
        self.created = created
    }
}

/// Where the endpoint finds buckets: the same open ``LocalR2Bucket``s the workers' bindings use, so
/// that objects written through one are visible through the other.
public protocol S3BucketProvider: Sendable {
    /// The bucket named `name`, or `nil` when it has no local state.
    /// - Throws: a storage error.
    func bucket(named name: String) async throws -> LocalR2Bucket?
    /// Every bucket with local state, by name.
    /// - Throws: a storage error.
    func listBuckets() async throws -> [S3BucketInfo]
    /// Creates a bucket.
    /// - Throws: `S3Error` (`InvalidBucketName`, `BucketAlreadyOwnedByYou`) or a storage error.
    func createBucket(_ name: String) async throws
    /// Deletes an empty bucket.
    /// - Throws: `S3Error` (`NoSuchBucket`, `BucketNotEmpty`, …) or a storage error.
    func deleteBucket(_ name: String) async throws
}
