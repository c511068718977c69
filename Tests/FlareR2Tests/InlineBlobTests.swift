import FlareR2
import FlareWorkerAPI
import Foundation
import GRDB
import Logging
import Testing

/// Blobs small enough to live inside the index: stored, read, ranged, spilled to a file when they
/// outgrow the limit, and read from an index written before the column existed.
struct InlineBlobTests {
    @Test func smallObjectsLiveInTheIndexWithoutAFile() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let data = timeseriesText(100_000)
        let json = R2PutOptions(httpMetadata: .init(contentType: "application/json"))
        try await fixture.bucket.put("series", .bytes(data), options: json)
        try await fixture.bucket.put("tiny", .text("{}"))
        #expect(try fixture.blobFiles().isEmpty)
        #expect(try fixture.inlineBlobs() == 2)
        #expect(try await fixture.bucket.get("series")?.bytes() == data)
        #expect(try await fixture.bucket.get("tiny")?.text() == "{}")
        let admin = R2Admin(persistRoot: fixture.root.url, logger: Logger(label: "test.r2"))
        #expect(try admin.blobEncodings(bucket: "bucket")["series"]?.encoding == "br")
        // Overwrite and delete drop the inline rows with their objects.
        try await fixture.bucket.put("series", .text("short"))
        try await fixture.bucket.delete("tiny")
        #expect(try fixture.inlineBlobs() == 1)
        #expect(try await fixture.bucket.get("series")?.text() == "short")
    }

    @Test func rangesOfAnInlineCompressedBlob() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let data = timeseriesText(50_000)
        try await fixture.bucket.put("k", .bytes(data))
        let cases: [(R2Range, Range<Int>)] = [
            (.offset(0, length: 1), 0..<1),
            (.offset(49_999, length: 1), 49_999..<50_000),
            (.offset(40_000, length: nil), 40_000..<50_000),
            (.offset(12_345, length: 20_000), 12_345..<32_345),
            (.suffix(7), 49_993..<50_000),
        ]
        for (range, expected) in cases {
            guard case .body(let body)? = try await fixture.bucket.get("k", options: .init(range: range)) else {
                Issue.record("no body for \(range)")
                continue
            }
            #expect(try await body.bytes() == data.subdata(in: expected))
        }
    }

    @Test func blobsOverTheLimitSpillToAFile() async throws {
        let fixture = try R2Fixture(options: LocalR2Options(minimumPartSize: 50, inlineLimit: 1000))
        defer { fixture.root.remove() }
        // Compresses to a few KB: more than the limit, so the encoder's output moves to a file mid-way.
        let text = timeseriesText(300_000)
        let random = noise(5000)
        try await fixture.bucket.put("text", .bytes(text))
        try await fixture.bucket.put("random", .bytes(random))
        try await fixture.bucket.put("small", .bytes(noise(900)))
        #expect(try fixture.blobFiles().count == 2)
        #expect(try fixture.inlineBlobs() == 1)
        #expect(try await fixture.bucket.get("text")?.bytes() == text)
        #expect(try await fixture.bucket.get("random")?.bytes() == random)
        #expect(try await fixture.bucket.get("small")?.bytes() == noise(900))
    }

    @Test func streamedAndMultipartBodiesCanBeInline() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let data = timeseriesText(30_000)
        let stream = AsyncThrowingStream<Data, any Error> { continuation in
            continuation.yield(data.prefix(10_000))
            continuation.yield(data.dropFirst(10_000))
            continuation.finish()
        }
        try await fixture.bucket.put("streamed", .stream(stream, length: data.count))
        let upload = try await fixture.bucket.createMultipartUpload("parts", options: .init())
        let first = try await upload.uploadPart(1, .bytes(data.prefix(20_000)))
        let second = try await upload.uploadPart(2, .bytes(data.dropFirst(20_000)))
        _ = try await upload.complete([first, second])
        #expect(try fixture.blobFiles().isEmpty)
        #expect(try await fixture.bucket.get("streamed")?.bytes() == data)
        #expect(try await fixture.bucket.get("parts")?.bytes() == data)
        // A range across the part boundary.
        guard
            case .body(let body)? = try await fixture.bucket.get(
                "parts", options: .init(range: .offset(19_990, length: 20)))
        else { throw R2Error(code: -1, message: "no body") }
        #expect(try await body.bytes() == data.subdata(in: 19_990..<20_010))
    }

    @Test func overwritesBetweenInlineAndFileBlobs() async throws {
        let fixture = try R2Fixture(options: LocalR2Options(minimumPartSize: 50, inlineLimit: 2000))
        defer { fixture.root.remove() }
        let first = try #require(try await fixture.bucket.put("k", .text("first")))
        // Inline over inline: the blob row is rewritten in place, the object gets a new version.
        let second = try #require(
            try await fixture.bucket.put("k", .text("second"), options: .init(customMetadata: ["v": "2"])))
        #expect(second.version != first.version)
        #expect(try fixture.inlineBlobs() == 1)
        #expect(try await fixture.bucket.get("k")?.text() == "second")
        #expect(try await fixture.bucket.head("k")?.customMetadata == ["v": "2"])
        // A file over an inline blob, then inline over the file: the file goes.
        try await fixture.bucket.put("k", .bytes(noise(5000)))
        #expect(try fixture.inlineBlobs() == 0)
        #expect(try fixture.blobFiles().count == 1)
        try await fixture.bucket.put("k", .text("third"))
        #expect(try fixture.blobFiles().isEmpty)
        #expect(try fixture.inlineBlobs() == 1)
        #expect(try await fixture.bucket.get("k")?.text() == "third")
        // A failed conditional put changes nothing.
        let refused = try await fixture.bucket.put(
            "k", .text("refused"), options: .init(onlyIf: .init(etagMatches: first.etag)))
        #expect(refused == nil)
        #expect(try await fixture.bucket.get("k")?.text() == "third")
        // A multipart object over the inline one, and inline again over it.
        let upload = try await fixture.bucket.createMultipartUpload("k", options: .init())
        let part = try await upload.uploadPart(1, .text("multi"))
        _ = try await upload.complete([part])
        #expect(try await fixture.bucket.get("k")?.text() == "multi")
        try await fixture.bucket.put("k", .text("fourth"))
        #expect(try await fixture.bucket.get("k")?.text() == "fourth")
        #expect(try fixture.storedBlobs() == 1)
        // Deleting a file-backed object unlinks its file (an inline check once said otherwise).
        try await fixture.bucket.put("f", .bytes(noise(5000)))
        #expect(try fixture.blobFiles().count == 1)
        try await fixture.bucket.delete("f")
        #expect(try fixture.blobFiles().isEmpty)
    }

    @Test func anIndexWithoutTheInlineColumnIsUpgraded() async throws {
        let fixture = try R2Fixture(options: .filesOnly)
        defer { fixture.root.remove() }
        try await fixture.bucket.put("old", .bytes(timeseriesText(10_000)))
        let queue = try DatabaseQueue(path: fixture.layout.indexURL(bucketName: "bucket").path)
        try await queue.write { try $0.execute(sql: "ALTER TABLE _sf_blobs DROP COLUMN inline_data") }
        try queue.close()
        let reopened = try fixture.reopen()
        #expect(try await reopened.get("old")?.bytes() == timeseriesText(10_000))
        try await reopened.put("new", .text("inline now"))
        #expect(try await reopened.get("new")?.text() == "inline now")
        #expect(try fixture.inlineBlobs() == 1)
        #expect(try fixture.blobFiles().count == 1)
    }
}

/// The index's metadata columns survive any characters (they are written without `JSONEncoder`).
struct StoredMetadataTests {
    @Test func metadataWithEscapesRoundTrips() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let odd = "quote \" backslash \\ slash / newline \n tab \t bell \u{7} nul \u{0} é 日本 🙂"
        let custom = [odd: odd, "plain": "value", "": "empty key"]
        let http = R2HTTPMetadata(contentType: odd, contentLanguage: "en", cacheControl: "max-age=60")
        let expiring = R2HTTPMetadata(
            contentType: "text/plain", cacheExpiry: Date(timeIntervalSince1970: 1_700_000_000))
        try await fixture.bucket.put("k", .text("x"), options: .init(httpMetadata: http, customMetadata: custom))
        try await fixture.bucket.put("e", .text("y"), options: .init(httpMetadata: expiring))
        let head = try #require(try await fixture.bucket.head("k"))
        #expect(head.customMetadata == custom)
        #expect(head.httpMetadata == http)
        #expect(try #require(try await fixture.bucket.head("e")).httpMetadata == expiring)
        let reopened = try fixture.reopen()
        #expect(try await reopened.head("k")?.customMetadata == custom)
    }
}

/// The index checkpoints its WAL in the background instead of inside a put's commit.
struct CheckpointTests {
    @Test func aGrowingWALIsCheckpointedIntoTheDatabase() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let path = fixture.layout.indexURL(bucketName: "bucket").path
        func size(_ file: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
        }
        let before = size(path)
        // 60 incompressible 100 KB objects: about 1,500 WAL pages, all inline.
        for index in 0..<60 { try await fixture.bucket.put("k\(index)", .bytes(noise(100_000, seed: UInt64(index)))) }
        #expect(try fixture.blobFiles().isEmpty)
        // The checkpoint runs on a utility queue: wait for its effect, bounded.
        var waited = 0
        while size(path) < before + 2_000_000 && waited < 200 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(size(path) >= before + 2_000_000)
        #expect(try await fixture.bucket.get("k7")?.bytes() == noise(100_000, seed: 7))
    }
}
