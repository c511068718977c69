import FlareR2
import FlareWorkerAPI
import Foundation
import GRDB
import Logging
import Testing

struct StorageTests {
    private func files(under url: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        return (enumerator?.allObjects as? [String]) ?? []
    }

    @Test func keysNeverEscapeTheBucket() async throws {
        let fixture = try R2Fixture(options: .filesOnly)
        defer { fixture.root.remove() }
        let keys = [
            "../../etc/passwd", "/etc/passwd", "/", "..", ".", "a\u{0}b", "a", "\u{0}", "C:\\Windows\\x",
            String(repeating: "é", count: 512), "dir/../../../x", "~/.ssh/id_rsa", "%2e%2e%2f",
        ]
        for (index, key) in keys.enumerated() {
            try await fixture.bucket.put(key, .text("value \(index)"))
        }
        for (index, key) in keys.enumerated() {
            #expect(try await fixture.bucket.get(key)?.text() == "value \(index)")
        }
        // NUL is part of the key: "a\0b" and "a" are different objects.
        #expect(try await fixture.bucket.list(R2ListOptions(prefix: "a")).objects.map(\.key) == ["a", "a\u{0}b"])
        // Everything lives under v3/r2, and blob names are ids (80 hex characters).
        let outside = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path)
        #expect(outside == ["v3"])
        let blobs = fixture.layout.bucketDirectory(bucketName: "bucket").appendingPathComponent("blobs")
        let names = try FileManager.default.contentsOfDirectory(atPath: blobs.path)
        #expect(names.count == keys.count)
        #expect(names.allSatisfy { $0.count == 80 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func bucketNamesAreSanitised() {
        #expect(R2Layout.sanitise("my/ Bucket") == "my_ Bucket")
        #expect(R2Layout.sanitise("..") == "_..")
        #expect(R2Layout.sanitise("a\u{1}b?") == "a_b_")
        #expect(R2Layout.sanitise("CON") == "_CON")
        #expect(R2Layout.sanitise(String(repeating: "x", count: 300)).count == 255)
    }

    @Test func miniflareObjectIDFormula() {
        // Vectors of §2.8 computed for the D1 namespace with the same formula.
        #expect(
            R2Layout.objectID(uniqueKey: "miniflare-D1DatabaseObject", name: "DB")
                == "e7352547963de7050bd7d94658afc4fe78b61811b7815da12d90be8e863abf4d")
        #expect(
            R2Layout.objectID(uniqueKey: "miniflare-D1DatabaseObject", name: "00000000-0000-0000-0000-000000000000")
                == "9ba2b04bf514d9facfd57ed57d849e77241a7adc99d1c1545d06688b43d84248")
    }

    @Test func crashBetweenBlobAndIndexLeavesTheBucketConsistent() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        try await fixture.bucket.put("kept", .bytes(timeseriesText(20_000)))
        let bucketDirectory = fixture.layout.bucketDirectory(bucketName: "bucket")
        let blobs = bucketDirectory.appendingPathComponent("blobs")
        let tmp = bucketDirectory.appendingPathComponent("tmp")
        // A write that crashed after the rename but before the index commit, and one that crashed
        // while writing its temp file.
        let orphan = String(repeating: "ab", count: 40)
        try Data("half an object".utf8).write(to: blobs.appendingPathComponent(orphan))
        try Data("partial".utf8).write(to: tmp.appendingPathComponent("\(orphan).tmp"))
        // Opened while another instance is open: no sweep (that could remove its in-flight blob).
        let concurrent = try fixture.reopen()
        #expect(FileManager.default.fileExists(atPath: blobs.appendingPathComponent(orphan).path))
        _ = concurrent
    }

    @Test func sweepAtOpenRemovesLeftovers() async throws {
        let root = try R2Fixture()
        defer { root.root.remove() }
        let bucketDirectory = root.layout.bucketDirectory(bucketName: "crash")
        let orphan = String(repeating: "cd", count: 40)
        do {
            let bucket = try root.reopen(options: .filesOnly, name: "crash")
            try await bucket.put("kept", .bytes(timeseriesText(20_000)))
            try await bucket.put("gone", .text("x"))
            try await bucket.delete("gone")
        }
        try Data("half an object".utf8).write(to: bucketDirectory.appendingPathComponent("blobs/\(orphan)"))
        try Data("partial".utf8).write(to: bucketDirectory.appendingPathComponent("tmp/\(orphan).tmp"))
        // An index row for a blob nothing uses any more.
        let indexPath = root.layout.indexURL(bucketName: "crash").path
        let queue = try DatabaseQueue(path: indexPath)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO _sf_blobs VALUES ('\(orphan)', 1, 14, 100, NULL)")
        }
        try queue.close()

        let reopened = try root.reopen(name: "crash")
        #expect(try await reopened.get("kept")?.bytes() == timeseriesText(20_000))
        #expect(try await reopened.head("gone") == nil)
        let blobs = try FileManager.default.contentsOfDirectory(
            atPath: bucketDirectory.appendingPathComponent("blobs").path)
        #expect(blobs.count == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: bucketDirectory.appendingPathComponent("tmp").path)
                .isEmpty)
        let stats = try R2Admin(persistRoot: root.root.url, logger: Logger(label: "test.r2")).stats(bucket: "crash")
        #expect(stats.objects == 1)
    }

    @Test func compressesTextAndSkipsWhatDoesNotShrink() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        try await bucket.put(
            "json", .bytes(timeseriesText(500_000)),
            options: .init(httpMetadata: .init(contentType: "application/json")))
        try await bucket.put("random", .bytes(noise(100_000)))
        try await bucket.put(
            "jpeg", .bytes(timeseriesText(100_000)), options: .init(httpMetadata: .init(contentType: "image/jpeg")))
        try await bucket.put("tiny", .text("{}"))
        let admin = R2Admin(persistRoot: fixture.root.url, logger: Logger(label: "test.r2"))
        let stats = try admin.stats(bucket: "bucket")
        #expect(stats.objects == 4)
        #expect(stats.logicalBytes == 700_002)
        let encodings = try admin.blobEncodings(bucket: "bucket")
        #expect(encodings["json"]?.encoding == "br")
        #expect(encodings["json"].map { $0.storedSize < 50_000 } == true)
        #expect(encodings["random"]?.encoding == "identity")
        #expect(encodings["random"]?.storedSize == 100_000)
        #expect(encodings["jpeg"]?.encoding == "identity")
        #expect(encodings["tiny"]?.encoding == "identity")
        #expect(stats.storedBytes < stats.logicalBytes)
        #expect(stats.compressionRatio < 0.5)
        #expect(try await bucket.get("random")?.bytes() == noise(100_000))
    }

    @Test func streamsMultiMegabyteObjectsInChunks() async throws {
        let options = LocalR2Options(minimumPartSize: 50, bufferedReadLimit: 1024 * 1024, streamChunkSize: 256 * 1024)
        let fixture = try R2Fixture(options: options)
        defer { fixture.root.remove() }
        let data = timeseriesText(6 * 1024 * 1024 + 123)
        let chunked = AsyncThrowingStream<Data, any Error> { continuation in
            var offset = 0
            while offset < data.count {
                continuation.yield(data[offset..<min(offset + 1_000_000, data.count)])
                offset += 1_000_000
            }
            continuation.finish()
        }
        try await fixture.bucket.put("big", .stream(chunked, length: data.count))
        let body = try #require(try await fixture.bucket.get("big"))
        let stream = try body.stream()
        #expect(stream.knownLength == data.count)
        #expect(stream.bufferedData == nil)
        var received = Data()
        var chunks = 0
        for try await chunk in stream.chunks() {
            #expect(chunk.count <= 256 * 1024)
            received.append(chunk)
            chunks += 1
        }
        #expect(chunks == (data.count + 256 * 1024 - 1) / (256 * 1024))
        #expect(received == data)
        // A range deep inside a large object.
        let ranged = try await fixture.bucket.get("big", options: .init(range: .offset(5_000_000, length: 10)))
        guard case .body(let part)? = ranged else { throw R2Error(code: -1, message: "no body") }
        #expect(try await part.bytes() == data.subdata(in: 5_000_000..<5_000_010))
    }

    @Test(arguments: [128 * 1024, 0])
    func deleteWhileStreamingKeepsTheReaderWorking(inlineLimit: Int) async throws {
        let options = LocalR2Options(bufferedReadLimit: 1024, streamChunkSize: 4096, inlineLimit: inlineLimit)
        let fixture = try R2Fixture(options: options)
        defer { fixture.root.remove() }
        let data = timeseriesText(100_000)
        try await fixture.bucket.put("k", .bytes(data))
        let stream = try #require(try await fixture.bucket.get("k")).stream()
        #expect(stream.bufferedData == nil)
        try await fixture.bucket.delete("k")
        var received = Data()
        for try await chunk in stream.chunks() { received.append(chunk) }
        #expect(received == data)
    }
}
