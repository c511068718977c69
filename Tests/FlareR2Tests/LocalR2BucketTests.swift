import FlareR2
import FlareWorkerAPI
import Foundation
import Testing

struct LocalR2BucketTests {
    @Test func putGetHeadRoundTrip() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let http = R2HTTPMetadata(
            contentType: "application/json", contentLanguage: "en", contentDisposition: "inline",
            contentEncoding: nil, cacheControl: "max-age=60", cacheExpiry: Date(timeIntervalSince1970: 1_800_000_000))
        let body = timeseriesText(10_000)
        let put = try #require(
            try await fixture.bucket.put(
                "a/b.json", .bytes(body), options: R2PutOptions(httpMetadata: http, customMetadata: ["site": "x"])))
        #expect(put.size == 10_000)
        #expect(put.etag.count == 32)
        #expect(put.httpEtag == "\"\(put.etag)\"")
        #expect(put.version.count == 32)
        #expect(put.range == nil)
        #expect(put.uploaded == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(put.checksums.md5 == put.etag)

        let head = try #require(try await fixture.bucket.head("a/b.json"))
        #expect(head.httpMetadata == http)
        #expect(head.customMetadata == ["site": "x"])
        #expect(head.range == .offset(0, length: 10_000))
        #expect(head.etag == put.etag)

        let got = try #require(try await fixture.bucket.get("a/b.json"))
        #expect(got.object.range == .offset(0, length: 10_000))
        #expect(try await got.bytes() == body)
        #expect(got.bodyUsed)
        await #expect(throws: R2Error.bodyUsed) { _ = try await got.bytes() }
    }

    @Test func textJSONAndEmptyBodies() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        try await fixture.bucket.put("t", .text("{\"a\":1}"))
        #expect(try await fixture.bucket.get("t")?.json() == .object(["a": .int(1)]))
        let empty = try #require(try await fixture.bucket.put("", .empty))
        #expect(empty.size == 0)
        #expect(empty.etag == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(try await fixture.bucket.get("")?.bytes() == Data())
    }

    @Test func missingKeysAreNil() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        #expect(try await fixture.bucket.head("nope") == nil)
        #expect(try await fixture.bucket.get("nope") == nil)
        try await fixture.bucket.delete("nope")
    }

    @Test func overwriteReplacesVersionAndRemovesOldBlob() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let first = try #require(try await fixture.bucket.put("k", .bytes(noise(1000))))
        await fixture.clock.advance(by: 5)
        let second = try #require(try await fixture.bucket.put("k", .text("second")))
        #expect(first.version != second.version)
        #expect(second.uploaded == Date(timeIntervalSince1970: 1_700_000_005))
        #expect(try await fixture.bucket.get("k")?.text() == "second")
        #expect(try fixture.storedBlobs() == 1)
    }

    @Test func deleteManyValidatesAllFirst() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        try await fixture.bucket.put("a", .text("1"))
        try await fixture.bucket.put("b", .text("2"))
        let longKey = String(repeating: "x", count: 1025)
        let message = await r2ErrorMessage { try await fixture.bucket.delete(["a", longKey]) }
        #expect(message == "delete: The specified object name is not valid. (10020)")
        #expect(try await fixture.bucket.head("a") != nil)
        try await fixture.bucket.delete(["a", "b", "missing"])
        #expect(try await fixture.bucket.list().objects.isEmpty)
    }

    @Test func keyLengthLimitIs1024Bytes() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        try await fixture.bucket.put(String(repeating: "k", count: 1024), .text("ok"))
        // 342 × "€" (3 bytes) = 1026 bytes.
        let wide = String(repeating: "€", count: 342)
        for (action, call) in [
            ("put", { _ = try await fixture.bucket.put(wide, .text("x")) }),
            ("get", { _ = try await fixture.bucket.get(wide) }),
            ("head", { _ = try await fixture.bucket.head(wide) }),
            ("createMultipartUpload", { _ = try await fixture.bucket.createMultipartUpload(wide, options: .init()) }),
        ] as [(String, () async throws -> Void)] {
            #expect(await r2ErrorMessage(call) == "\(action): The specified object name is not valid. (10020)")
        }
    }

    @Test func customMetadataSizeVectors() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let tooLarge = "put: Your metadata headers exceed the maximum allowed metadata size. (10012)"
        let cases: [([String: String], Bool)] = [
            (["key": String(repeating: "x", count: 2045)], true),
            (["key": String(repeating: "x", count: 2046)], false),
            (["hi": String(repeating: "x", count: 2046)], true),
            (["key": String(repeating: "🙂", count: 511)], true),
            (["key1": String(repeating: "🙂", count: 511)], true),
            (["key12": String(repeating: "🙂", count: 511)], false),
            (["key": String(repeating: "🙂", count: 512)], false),
        ]
        for (metadata, ok) in cases {
            let message = await r2ErrorMessage {
                _ = try await fixture.bucket.put("m", .text("v"), options: R2PutOptions(customMetadata: metadata))
            }
            #expect(message == (ok ? nil : tooLarge))
        }
    }

    @Test func checksumsAreValidated() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let value = R2PutValue.text("hello")
        let sha1 = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"
        let sha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        let stored = try #require(
            try await fixture.bucket.put(
                "h", value, options: R2PutOptions(checksums: .init(sha256: sha256.uppercased()))))
        #expect(stored.checksums.sha256 == sha256)
        #expect(stored.checksums.md5 == "5d41402abc4b2a76b9719d911017c592")
        #expect(try await fixture.bucket.head("h")?.checksums.sha256 == sha256)

        let bad = String(repeating: "0", count: 40)
        let mismatch = await r2ErrorMessage {
            _ = try await fixture.bucket.put("h2", value, options: R2PutOptions(checksums: .init(sha1: bad)))
        }
        #expect(
            mismatch
                == "put: The SHA-1 checksum you specified did not match what we received.\n"
                + "You provided a SHA-1 checksum with value: \(bad)\nActual SHA-1 was: \(sha1) (10037)")
        #expect(try await fixture.bucket.head("h2") == nil)

        let multiple = await r2ErrorMessage {
            _ = try await fixture.bucket.put("h3", value, options: R2PutOptions(checksums: .init(md5: "a", sha1: "b")))
        }
        #expect(multiple == "TypeError: You cannot specify multiple hashing algorithms.")
        let short = await r2ErrorMessage {
            _ = try await fixture.bucket.put("h3", value, options: R2PutOptions(checksums: .init(md5: "abc")))
        }
        #expect(short == "TypeError: MD5 is 32 hex characters, not 3")
        let notHex = await r2ErrorMessage {
            _ = try await fixture.bucket.put(
                "h3", value, options: R2PutOptions(checksums: .init(sha512: String(repeating: "z", count: 128))))
        }
        #expect(notHex == "TypeError: Provided SHA-512 wasn't a valid hex string")
        let md5 = try await fixture.bucket.put(
            "h4", value, options: R2PutOptions(checksums: .init(md5: "5d41402abc4b2a76b9719d911017c592")))
        #expect(md5?.checksums == R2Checksums(md5: "5d41402abc4b2a76b9719d911017c592"))
        for (checksums, name) in [
            (R2Checksums(sha384: String(repeating: "1", count: 96)), "SHA-384"),
            (R2Checksums(md5: String(repeating: "1", count: 32)), "MD5"),
        ] {
            let message = await r2ErrorMessage {
                _ = try await fixture.bucket.put("h5", value, options: R2PutOptions(checksums: checksums))
            }
            #expect(message?.hasPrefix("put: The \(name) checksum you specified did not match") == true)
            #expect(message?.hasSuffix("(10037)") == true)
        }
    }

    @Test func streamedPutNeedsItsLength() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let data = timeseriesText(300_000)
        let stream = AsyncThrowingStream<Data, any Error> { continuation in
            var offset = 0
            while offset < data.count {
                continuation.yield(data[offset..<min(offset + 7_000, data.count)])
                offset += 7_000
            }
            continuation.finish()
        }
        let put = try #require(try await fixture.bucket.put("s", .stream(stream, length: data.count)))
        #expect(put.size == data.count)
        #expect(try await fixture.bucket.get("s")?.bytes() == data)
        let unknown = await r2ErrorMessage {
            _ = try await fixture.bucket.put("u", .stream(AsyncThrowingStream { $0.finish() }, length: -1))
        }
        #expect(unknown?.hasPrefix("TypeError: Provided readable stream must have a known length") == true)
    }

    @Test func dataSurvivesReopen() async throws {
        let fixture = try R2Fixture(name: "my/ Bucket")
        defer { fixture.root.remove() }
        try await fixture.bucket.put("k", .bytes(timeseriesText(50_000)), options: .init(customMetadata: ["a": "b"]))
        let again = try fixture.reopen(name: "my/ Bucket")
        #expect(try await again.get("k")?.bytes() == timeseriesText(50_000))
        #expect(try await again.head("k")?.customMetadata == ["a": "b"])
        var isDirectory: ObjCBool = false
        #expect(
            FileManager.default.fileExists(atPath: fixture.layout.metadataDirectory.path, isDirectory: &isDirectory))
        #expect(fixture.layout.metadataDirectory.path.hasSuffix("v3/r2/miniflare-R2BucketObject"))
        #expect(FileManager.default.fileExists(atPath: fixture.layout.indexURL(bucketName: "my/ Bucket").path))
    }
}
