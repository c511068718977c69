import FlareR2
import FlareTesting
import FlareWorkerAPI
import Foundation
import GRDB
import Logging

/// A fresh bucket in its own temporary persist root, on a manual clock.
struct R2Fixture {
    let root: TemporaryDirectory
    let clock: ManualClock
    let bucket: LocalR2Bucket

    init(options: LocalR2Options = LocalR2Options(minimumPartSize: 50), name: String = "bucket") throws {
        root = try TemporaryDirectory()
        clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
        bucket = try LocalR2Bucket(
            persistRoot: root.url, bucketName: name, clock: clock, logger: Logger(label: "test.r2"), options: options)
    }

    /// Opens the same bucket again (as after a restart).
    func reopen(options: LocalR2Options = LocalR2Options(minimumPartSize: 50), name: String = "bucket") throws
        -> LocalR2Bucket
    {
        try LocalR2Bucket(
            persistRoot: root.url, bucketName: name, clock: clock, logger: Logger(label: "test.r2"), options: options)
    }

    var layout: R2Layout { R2Layout(persistRoot: root.url) }

    /// Blob files in the bucket's directory.
    func blobFiles(bucket: String = "bucket") throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: layout.bucketDirectory(bucketName: bucket).appendingPathComponent("blobs").path)
    }

    /// Blobs stored inside the index.
    func inlineBlobs(bucket: String = "bucket") throws -> Int {
        let queue = try DatabaseQueue(path: layout.indexURL(bucketName: bucket).path)
        defer { try? queue.close() }
        return try queue.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM _sf_blobs WHERE inline_data IS NOT NULL")
        }
            ?? 0
    }

    /// Every stored blob, in files or inline.
    func storedBlobs(bucket: String = "bucket") throws -> Int {
        try blobFiles(bucket: bucket).count + inlineBlobs(bucket: bucket)
    }
}

extension LocalR2Options {
    /// Test options storing every blob as a file (Miniflare's layout), as before inline blobs.
    static let filesOnly = LocalR2Options(minimumPartSize: 50, inlineLimit: 0)
}

/// Catches the `R2Error` message thrown by `body`.
func r2ErrorMessage(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as R2Error {
        return error.message
    } catch {
        return "unexpected: \(error)"
    }
}

/// Deterministic pseudo-random bytes.
func noise(_ count: Int, seed: UInt64 = 42) -> Data {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    for index in 0..<count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
    }
    return Data(bytes)
}

/// Compressible JSON-ish text of about `count` bytes.
func timeseriesText(_ count: Int) -> Data {
    var text = "{\"point_samples\":["
    var index = 0
    while text.utf8.count < count {
        text +=
            "{\"name\":\"site/ahu\(index % 7)/temp\",\"value\":\"\(20 + index % 13).5\",\"time\":\"2025-01-01T00:\(index % 60):00Z\"},"
        index += 1
    }
    return Data(text.utf8.prefix(count))
}
