import FlareR2
import FlareWorkerAPI
import Foundation
import Logging
import Synchronization

/// Buckets of one persist root, each opened once: R2's bucket administration plus a cache of
/// open buckets that the host can share (the dev server shares the emulator's).
///
/// ```swift
/// let buckets = LocalS3Buckets(persistRoot: root, clock: SystemClock(), logger: logger)
/// let service = S3Service(buckets: buckets, verifier: SigV4Verifier(credentials: .localDefault, clock: clock))
/// ```
public final class LocalS3Buckets: S3BucketProvider {
    /// Opens a bucket once: returns the already open one or calls the opener and keeps its result.
    public typealias Opener = @Sendable (_ name: String, _ open: () throws -> LocalR2Bucket) throws -> LocalR2Bucket

    let admin: R2Admin
    private let opener: Opener
    private let forget: @Sendable (String) async -> Bool

    /// Creates the buckets of `persistRoot`.
    /// - Parameters:
    ///   - opener: the shared cache of open buckets (default: one of its own).
    ///   - forget: drops a bucket from that cache before it is deleted; `false` refuses the delete
    ///     (the dev server refuses buckets bound to a worker).
    public init(
        persistRoot: URL, clock: any FlareClock, logger: Logger, opener: Opener? = nil,
        forget: (@Sendable (String) async -> Bool)? = nil
    ) {
        admin = R2Admin(persistRoot: persistRoot, clock: clock, logger: logger)
        if let opener, let forget {
            self.opener = opener
            self.forget = forget
        } else {
            let cache = Mutex<[String: LocalR2Bucket]>([:])
            self.opener = { name, open in
                if let bucket = cache.withLock({ $0[name] }) { return bucket }
                let bucket = try open()
                return cache.withLock { cache in
                    if let existing = cache[name] { return existing }
                    cache[name] = bucket
                    return bucket
                }
            }
            self.forget = { name in
                cache.withLock { _ = $0.removeValue(forKey: name) }
                return true
            }
        }
    }

    /// The open bucket, or `nil` when it has no local state.
    public func bucket(named name: String) async throws -> LocalR2Bucket? {
        guard admin.exists(name) else { return nil }
        let admin = self.admin
        return try opener(name) { try admin.open(name) }
    }

    /// Every bucket with local state.
    public func listBuckets() async throws -> [S3BucketInfo] {
        try admin.listBuckets().map {
            S3BucketInfo(name: $0.bucket, created: $0.created ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// Creates a bucket (R2's naming rule: 3–63 of `a-z 0-9 -`).
    public func createBucket(_ name: String) async throws {
        do { try R2Admin.validateBucketName(name) } catch { throw S3Error.invalidBucketName }
        if admin.exists(name) { throw S3Error.bucketAlreadyOwnedByYou }
        let admin = self.admin
        _ = try opener(name) { try admin.open(name) }
    }

    /// Deletes an empty bucket.
    public func deleteBucket(_ name: String) async throws {
        guard admin.exists(name) else { throw S3Error.noSuchBucket(name) }
        if try admin.stats(bucket: name).objects > 0 { throw S3Error.bucketNotEmpty }
        if let bucket = try await bucket(named: name) {
            let uploads = try await bucket.multipartUploadsInProgress()
            if !uploads.isEmpty { throw S3Error.bucketNotEmpty }
        }
        guard await forget(name) else {
            throw S3Error(
                code: "InvalidBucketState",
                message: "The bucket is bound to a worker in the running configuration; it cannot be deleted here.",
                status: .conflict)
        }
        try admin.deleteBucket(name)
    }
}
