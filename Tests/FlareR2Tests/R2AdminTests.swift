import FlareR2
import FlareTesting
import FlareWorkerAPI
import Foundation
import Logging
import Testing

struct R2AdminTests {
    private func admin(_ root: TemporaryDirectory) -> R2Admin {
        R2Admin(persistRoot: root.url, clock: ManualClock(), logger: Logger(label: "test.r2"))
    }

    @Test func bucketLifecycle() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let admin = admin(root)
        try admin.createBucket("timeseries-cache")
        try admin.createBucket("other")
        #expect(try admin.listBuckets().map(\.bucket) == ["other", "timeseries-cache"])
        #expect(throws: R2AdminError("The bucket \"other\" already exists.")) { try admin.createBucket("other") }
        let invalid =
            "The bucket name \"Bad_Name\" is invalid. Bucket names must begin and end with an alphanumeric "
            + "character, only contain lowercase letters, numbers, and hyphens, and be between 3 and 63 characters long."
        #expect(throws: R2AdminError(invalid)) { try admin.createBucket("Bad_Name") }
        #expect(throws: R2AdminError.self) { try admin.createBucket("ab") }
        #expect(throws: R2AdminError.self) { try admin.createBucket("-abc") }

        try await admin.open("other").put("k", .text("v"))
        #expect(throws: R2AdminError("The bucket you tried to delete is not empty.")) {
            try admin.deleteBucket("other")
        }
        try await admin.deleteObject(bucket: "other", key: "k")
        try admin.deleteBucket("other")
        #expect(try admin.listBuckets().map(\.bucket) == ["timeseries-cache"])
        #expect(throws: R2AdminError("The specified bucket does not exist.")) { try admin.stats(bucket: "other") }
    }

    @Test func objectPaths() throws {
        #expect(try R2Admin.parseObjectPath("bucket/a/b.json") == ("bucket", "a/b.json"))
        #expect(try R2Admin.parseObjectPath("bucket/") == ("bucket", ""))
        for bad in ["nobucket", "/key", "B/key", "x/key"] {
            #expect(
                throws: R2AdminError("The object path must be in the form of {bucket}/{key} you provided \(bad)")
            ) { try R2Admin.parseObjectPath(bad) }
        }
    }

    @Test func putGetListAndStatsThroughFiles() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let admin = admin(root)
        let source = root.url.appendingPathComponent("in.json")
        let body = timeseriesText(3 * 1024 * 1024 + 17)
        try body.write(to: source)
        let stored = try await admin.putObject(
            bucket: "cache", key: "site/a.json", from: .file(source),
            httpMetadata: R2HTTPMetadata(contentType: "application/json"), customMetadata: ["site": "a"])
        #expect(stored.size == body.count)
        let target = root.url.appendingPathComponent("out.json")
        let fetched = try await admin.getObject(bucket: "cache", key: "site/a.json", to: .file(target))
        #expect(fetched.customMetadata == ["site": "a"])
        #expect(try Data(contentsOf: target) == body)
        await #expect(throws: R2AdminError("The specified key does not exist.")) {
            _ = try await admin.getObject(bucket: "cache", key: "missing", to: .file(target))
        }
        let listed = try await admin.listObjects(bucket: "cache", prefix: "site/")
        #expect(listed.map(\.key) == ["site/a.json"])
        #expect(listed.first?.httpMetadata?.contentType == "application/json")
        let stats = try admin.stats(bucket: "cache")
        #expect(stats.objects == 1)
        #expect(stats.compressedObjects == 1)
        #expect(stats.logicalBytes == body.count)
        #expect(stats.compressionRatio < 0.1)
        #expect(stats.created == Date(timeIntervalSince1970: 1_735_689_600))
    }
}
