import Crypto
import FlareR2
import FlareWorkerAPI
import Foundation
import Logging
import Testing

struct MultipartTests {
    @Test func completesInPartNumberOrder() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        let upload = try await bucket.createMultipartUpload(
            "big",
            options: R2MultipartOptions(httpMetadata: .init(contentType: "text/plain"), customMetadata: ["m": "1"]))
        #expect(upload.key == "big")
        let parts = [timeseriesText(100), noise(100), timeseriesText(60)]
        let p2 = try await upload.uploadPart(2, .bytes(parts[0]))
        let p5 = try await upload.uploadPart(5, .bytes(parts[1]))
        let p9 = try await upload.uploadPart(9, .bytes(parts[2]))
        #expect(p2.etag != p5.etag)
        #expect(try await bucket.head("big") == nil)
        #expect(try await bucket.list().objects.isEmpty)

        let object = try await upload.complete([p9, p5, p2])
        let whole = parts[0] + parts[1] + parts[2]
        var md5s = Data()
        for part in parts { md5s.append(contentsOf: Insecure.MD5.hash(data: part)) }
        let expected = Insecure.MD5.hash(data: md5s).map { String(format: "%02x", $0) }.joined() + "-3"
        #expect(object.etag == expected)
        #expect(object.size == 260)
        #expect(object.checksums == R2Checksums())
        #expect(object.httpMetadata?.contentType == "text/plain")
        #expect(object.customMetadata == ["m": "1"])
        #expect(try await bucket.get("big")?.bytes() == whole)
        // Ranged reads span parts.
        let span = try await bucket.get("big", options: .init(range: .offset(90, length: 120)))
        guard case .body(let body)? = span else { throw R2Error(code: -1, message: "no body") }
        #expect(try await body.bytes() == whole.subdata(in: 90..<210))
        // Completing again: the upload is finished.
        let again = await r2ErrorMessage { _ = try await upload.complete([p2]) }
        #expect(again == "completeMultipartUpload: The specified multipart upload does not exist. (10024)")
        let late = await r2ErrorMessage { _ = try await upload.uploadPart(3, .text("x")) }
        #expect(late == "uploadPart: The specified multipart upload does not exist. (10024)")
        // Abort after completion is a no-op; the object survives.
        try await upload.abort()
        #expect(try await bucket.head("big") != nil)
        // Overwriting deletes the parts.
        try await bucket.put("big", .text("small"))
        #expect(try fixture.storedBlobs() == 1)
    }

    @Test func partRulesAndErrors() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        let upload = try await bucket.createMultipartUpload("k", options: .init())
        for number in [0, 10001] {
            let message = await r2ErrorMessage { _ = try await upload.uploadPart(number, .text("x")) }
            #expect(
                message == "TypeError: Part number must be between 1 and 10000 (inclusive). Actual value was: \(number)"
            )
        }
        let small = try await upload.uploadPart(1, .bytes(noise(10)))
        let big = try await upload.uploadPart(2, .bytes(noise(60)))
        let complete = "completeMultipartUpload: "
        #expect(
            await r2ErrorMessage { _ = try await upload.complete([small, big]) }
                == complete + "Your proposed upload is smaller than the minimum allowed object size. (10011)")
        #expect(
            await r2ErrorMessage { _ = try await upload.complete([big, big]) }
                == complete + "We encountered an internal error. Please try again. (10001)")
        #expect(
            await r2ErrorMessage { _ = try await upload.complete([R2UploadedPart(partNumber: 2, etag: "bad")]) }
                == complete + "One or more of the specified parts could not be found. (10025)")
        // Argument order passes the size check, part-number order does not: BadUpload.
        let bigger = try await upload.uploadPart(3, .bytes(noise(80)))
        #expect(
            await r2ErrorMessage { _ = try await upload.complete([bigger, big]) }
                == complete + "There was a problem with the multipart upload. (10048)")
        let wrongKey = bucket.resumeMultipartUpload("other", uploadId: upload.uploadId)
        #expect(
            await r2ErrorMessage { _ = try await wrongKey.complete([big]) }
                == complete + "We encountered an internal error. Please try again. (10001)")
        #expect(
            await r2ErrorMessage { _ = try await wrongKey.uploadPart(1, .text("x")) }
                == "uploadPart: The specified multipart upload does not exist. (10024)")
        #expect(
            await r2ErrorMessage { try await wrongKey.abort() }
                == "abortMultipartUpload: We encountered an internal error. Please try again. (10001)")
        // Re-uploading a part replaces it with a new ETag.
        let replaced = try await upload.uploadPart(2, .bytes(noise(60, seed: 7)))
        #expect(replaced.etag != big.etag)
        let resumed = bucket.resumeMultipartUpload("k", uploadId: upload.uploadId)
        let last = try await resumed.uploadPart(4, .bytes(noise(30)))
        let object = try await resumed.complete([replaced, last])
        #expect(object.size == 90)
        #expect(try await bucket.get("k")?.bytes() == noise(60, seed: 7) + noise(30))
    }

    @Test func abortDeletesParts() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let upload = try await fixture.bucket.createMultipartUpload("k", options: .init())
        let part = try await upload.uploadPart(1, .bytes(noise(100)))
        try await upload.abort()
        try await upload.abort()
        #expect(try fixture.storedBlobs() == 0)
        #expect(
            await r2ErrorMessage { _ = try await upload.complete([part]) }
                == "completeMultipartUpload: The specified multipart upload does not exist. (10024)")
    }

    @Test func zeroPartsEtag() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let upload = try await fixture.bucket.createMultipartUpload("empty", options: .init())
        let object = try await upload.complete([])
        #expect(object.etag == "d41d8cd98f00b204e9800998ecf8427e-0")
        #expect(object.size == 0)
    }
}

struct MultipartCompressedTests {
    @Test func rangesSpanCompressedParts() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let upload = try await fixture.bucket.createMultipartUpload("ts", options: .init())
        let part = timeseriesText(100_000)
        var parts: [R2UploadedPart] = []
        for number in 1...3 { parts.append(try await upload.uploadPart(number, .bytes(part))) }
        let tail = try await upload.uploadPart(4, .bytes(noise(5_000)))
        _ = try await upload.complete(parts + [tail])
        let whole = part + part + part + noise(5_000)
        let admin = R2Admin(persistRoot: fixture.root.url, logger: Logger(label: "test.r2"))
        let stats = try admin.stats(bucket: "bucket")
        #expect(stats.compressedObjects == 1)
        #expect(stats.storedBytes < whole.count / 4)
        for (offset, length) in [(0, 10), (99_990, 20), (150_000, 100_000), (299_999, 5_001), (0, whole.count)] {
            guard
                case .body(let body)? = try await fixture.bucket.get(
                    "ts", options: .init(range: .offset(offset, length: length)))
            else { throw R2Error(code: -1, message: "no body") }
            #expect(try await body.bytes() == whole.subdata(in: offset..<offset + length))
        }
        guard case .body(let last)? = try await fixture.bucket.get("ts", options: .init(range: .suffix(7_000))) else {
            throw R2Error(code: -1, message: "no body")
        }
        #expect(try await last.bytes() == whole.suffix(7_000))
    }

    @Test func concurrentPutsLeaveNoStrayBlobs() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask {
                    try await bucket.put("key\(index % 3)", .bytes(timeseriesText(20_000 + index)))
                    if index % 5 == 0 { try await bucket.delete("key\(index % 3)") }
                }
            }
            try await group.waitForAll()
        }
        let objects = try await bucket.list().objects
        #expect(try fixture.storedBlobs() == objects.count)
        for object in objects {
            #expect(try await bucket.get(object.key)?.bytes().count == object.size)
        }
    }
}
