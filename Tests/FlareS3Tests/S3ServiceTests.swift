import Crypto
import FlareR2
import FlareS3
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Testing

/// The operations end to end through ``S3Service`` with signed requests, over real local buckets.
struct S3ServiceTests {
    @Test func bucketsCreateListHeadDelete() async throws {
        let fixture = try S3Fixture(prefix: "/cdn-cgi/local/r2/s3")
        defer { fixture.root.remove() }
        let prefix = "/cdn-cgi/local/r2/s3"
        #expect(await fixture.send(.put, "\(prefix)/photos").status == .ok)
        let again = await fixture.send(.put, "\(prefix)/photos")
        #expect(again.status == .conflict)
        #expect(try await again.errorCode() == "BucketAlreadyOwnedByYou")
        #expect(try await fixture.send(.put, "\(prefix)/Bad_Name").errorCode() == "InvalidBucketName")
        let listed = try await fixture.send(.get, "\(prefix)/").text()
        #expect(listed.contains("<Name>photos</Name>"))
        #expect(await fixture.send(.head, "\(prefix)/photos").status == .ok)
        #expect(await fixture.send(.head, "\(prefix)/missing").status == .notFound)
        #expect(await fixture.send(.put, "\(prefix)/photos/a.txt", body: Data("x".utf8)).status == .ok)
        let notEmpty = await fixture.send(.delete, "\(prefix)/photos")
        #expect(notEmpty.status == .conflict)
        #expect(try await notEmpty.errorCode() == "BucketNotEmpty")
        #expect(await fixture.send(.delete, "\(prefix)/photos/a.txt").status == .noContent)
        #expect(await fixture.send(.delete, "\(prefix)/photos").status == .noContent)
        #expect(try await fixture.send(.get, "\(prefix)/photos", query: "list-type=2").errorCode() == "NoSuchBucket")
    }

    @Test func putGetMetadataAndErrors() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("docs")
        let body = Data("hello, s3".utf8)
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        let put = await fixture.send(
            .put, "/docs/dir/a%20b.txt",
            headers: ["Content-Type": "text/plain", "x-amz-meta-owner": "me", "Content-MD5": md5],
            body: body)
        #expect(put.status == .ok)
        #expect(
            put.header("ETag") == "\"\(Insecure.MD5.hash(data: body).map { String(format: "%02x", $0) }.joined())\"")
        let get = await fixture.send(.get, "/docs/dir/a%20b.txt")
        #expect(get.status == .ok)
        #expect(try await get.bytes() == body)
        #expect(get.header("Content-Type") == "text/plain")
        #expect(get.header("x-amz-meta-owner") == "me")
        let missing = await fixture.send(.get, "/docs/nope")
        #expect(missing.status == .notFound)
        #expect(try await missing.errorCode() == "NoSuchKey")
        let wrongMD5 = await fixture.send(
            .put, "/docs/b", headers: ["Content-MD5": Data(repeating: 0, count: 16).base64EncodedString()], body: body)
        #expect(try await wrongMD5.errorCode() == "BadDigest")
        let wrongSHA = await fixture.send(
            .put, "/docs/c", headers: ["x-amz-content-sha256": SigV4.sha256Hex(Data("other".utf8))], body: body)
        #expect(try await wrongSHA.errorCode() == "XAmzContentSHA256Mismatch")
        #expect(await fixture.send(.head, "/docs/b").status == .notFound)
        let badSignature = await fixture.send(.get, "/docs/dir/a%20b.txt", secret: "wrong")
        #expect(badSignature.status == .forbidden)
        #expect(try await badSignature.errorCode() == "SignatureDoesNotMatch")
        let unsigned = await fixture.send(.get, "/docs/dir/a%20b.txt", sign: false)
        #expect(try await unsigned.errorCode() == "AccessDenied")
    }

    @Test func rangesAndConditionals() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("data")
        _ = await fixture.send(.put, "/data/k", body: Data("0123456789".utf8))
        let ranged = await fixture.send(.get, "/data/k", headers: ["Range": "bytes=2-5"])
        #expect(ranged.status == .partialContent)
        #expect(try await ranged.text() == "2345")
        #expect(ranged.header("Content-Range") == "bytes 2-5/10")
        #expect(try await fixture.send(.get, "/data/k", headers: ["Range": "bytes=-3"]).text() == "789")
        #expect(try await fixture.send(.get, "/data/k", headers: ["Range": "bytes=7-"]).text() == "789")
        let unsatisfiable = await fixture.send(.get, "/data/k", headers: ["Range": "bytes=10-"])
        #expect(unsatisfiable.status == .rangeNotSatisfiable)
        #expect(try await unsatisfiable.errorCode() == "InvalidRange")
        let etag = try #require(await fixture.send(.head, "/data/k").header("ETag"))
        #expect(await fixture.send(.get, "/data/k", headers: ["If-None-Match": etag]).status == .notModified)
        #expect(await fixture.send(.get, "/data/k", headers: ["If-Match": etag]).status == .ok)
        let failed = await fixture.send(.get, "/data/k", headers: ["If-Match": "\"other\""])
        #expect(failed.status == .preconditionFailed)
        #expect(try await failed.errorCode() == "PreconditionFailed")
        let later = "Sat, 01 Jan 2050 00:00:00 GMT"
        let earlier = "Sat, 01 Jan 2000 00:00:00 GMT"
        #expect(await fixture.send(.get, "/data/k", headers: ["If-Modified-Since": later]).status == .notModified)
        #expect(await fixture.send(.get, "/data/k", headers: ["If-Modified-Since": earlier]).status == .ok)
        #expect(
            await fixture.send(.get, "/data/k", headers: ["If-Unmodified-Since": earlier]).status == .preconditionFailed
        )
        #expect(await fixture.send(.head, "/data/k", headers: ["If-Unmodified-Since": later]).status == .ok)
    }

    @Test func listObjectsV2Pagination() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("list")
        for key in ["a/1", "a/2", "b/1", "c", "d", "e&f"] {
            _ = await fixture.send(
                .put, "/list/\(key.replacingOccurrences(of: "&", with: "%26"))", body: Data(key.utf8))
        }
        var keys: [String] = []
        var token: String?
        var pages = 0
        repeat {
            var query = "list-type=2&max-keys=2"
            if let token { query += "&continuation-token=\(S3TestEncoding.encode(token))" }
            let page = try await fixture.send(.get, "/list", query: query).text()
            keys += S3TestEncoding.values("Key", in: page)
            token = S3TestEncoding.values("NextContinuationToken", in: page).first
            pages += 1
            #expect(page.contains("<KeyCount>"))
        } while token != nil && pages < 10
        #expect(keys == ["a/1", "a/2", "b/1", "c", "d", "e&amp;f"])
        #expect(pages == 3)
        let grouped = try await fixture.send(.get, "/list", query: "list-type=2&delimiter=%2F").text()
        #expect(S3TestEncoding.values("Prefix", in: grouped) == ["", "a/", "b/"])
        #expect(S3TestEncoding.values("Key", in: grouped) == ["c", "d", "e&amp;f"])
        let after = try await fixture.send(.get, "/list", query: "list-type=2&start-after=c&prefix=").text()
        #expect(S3TestEncoding.values("Key", in: after) == ["d", "e&amp;f"])
        let encoded = try await fixture.send(.get, "/list", query: "list-type=2&prefix=e&encoding-type=url").text()
        #expect(S3TestEncoding.values("Key", in: encoded) == ["e%26f"])
    }

    @Test func deleteObjectsAndCopy() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("src")
        try await fixture.buckets.createBucket("dst")
        _ = await fixture.send(.put, "/src/a", headers: ["x-amz-meta-tag": "one"], body: Data("A".utf8))
        _ = await fixture.send(.put, "/src/b", body: Data("B".utf8))
        let copy = await fixture.send(.put, "/dst/copied", headers: ["x-amz-copy-source": "/src/a"])
        #expect(try await copy.text().contains("<CopyObjectResult"))
        let copied = await fixture.send(.get, "/dst/copied")
        #expect(try await copied.text() == "A")
        #expect(copied.header("x-amz-meta-tag") == "one")
        let delete =
            "<Delete><Object><Key>a</Key></Object><Object><Key>b</Key></Object><Object><Key>zz</Key></Object></Delete>"
        let result = try await fixture.send(.post, "/src", query: "delete", body: Data(delete.utf8)).text()
        #expect(S3TestEncoding.values("Key", in: result) == ["a", "b", "zz"])
        #expect(await fixture.send(.head, "/src/a").status == .notFound)
        #expect(await fixture.send(.put, "/dst/x", headers: ["x-amz-copy-source": "src/a"]).status == .notFound)
    }

    @Test func multipartLifecycleAndErrors() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("multi")
        let created = try await fixture.send(.post, "/multi/big", query: "uploads").text()
        let uploadId = try #require(S3TestEncoding.values("UploadId", in: created).first)
        let encodedId = S3TestEncoding.encode(uploadId)
        let partSize = 5 * 1024 * 1024
        let one = await fixture.send(
            .put, "/multi/big", query: "partNumber=1&uploadId=\(encodedId)", body: Data(repeating: 1, count: partSize))
        let two = await fixture.send(
            .put, "/multi/big", query: "partNumber=2&uploadId=\(encodedId)", body: Data(repeating: 2, count: 10))
        let etag1 = try #require(one.header("ETag"))
        let etag2 = try #require(two.header("ETag"))
        let parts = try await fixture.send(.get, "/multi/big", query: "uploadId=\(encodedId)").text()
        #expect(S3TestEncoding.values("PartNumber", in: parts) == ["1", "2"])
        let uploads = try await fixture.send(.get, "/multi", query: "uploads").text()
        #expect(S3TestEncoding.values("UploadId", in: uploads) == [uploadId])
        let wrongPart =
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"nope\"</ETag></Part>"
            + "</CompleteMultipartUpload>"
        let invalid = await fixture.send(
            .post, "/multi/big", query: "uploadId=\(encodedId)", body: Data(wrongPart.utf8))
        #expect(try await invalid.errorCode() == "InvalidPart")
        let complete =
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(etag1)</ETag></Part>"
            + "<Part><PartNumber>2</PartNumber><ETag>\(etag2)</ETag></Part></CompleteMultipartUpload>"
        let done = await fixture.send(.post, "/multi/big", query: "uploadId=\(encodedId)", body: Data(complete.utf8))
        #expect(try await done.text().contains("-2&quot;</ETag>"))
        let object = await fixture.send(.head, "/multi/big")
        #expect(object.header("Content-Length") == String(partSize + 10))
        let gone = await fixture.send(.get, "/multi/big", query: "uploadId=\(encodedId)")
        #expect(try await gone.errorCode() == "NoSuchUpload")

        // A part below 5 MiB that is not the last one: EntityTooSmall.
        let small = try await fixture.send(.post, "/multi/small", query: "uploads").text()
        let smallId = S3TestEncoding.encode(try #require(S3TestEncoding.values("UploadId", in: small).first))
        let s1 = try #require(
            await fixture.send(.put, "/multi/small", query: "partNumber=1&uploadId=\(smallId)", body: Data("a".utf8))
                .header("ETag"))
        let s2 = try #require(
            await fixture.send(.put, "/multi/small", query: "partNumber=2&uploadId=\(smallId)", body: Data("b".utf8))
                .header("ETag"))
        let tooSmall =
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(s1)</ETag></Part>"
            + "<Part><PartNumber>2</PartNumber><ETag>\(s2)</ETag></Part></CompleteMultipartUpload>"
        let refused = await fixture.send(.post, "/multi/small", query: "uploadId=\(smallId)", body: Data(tooSmall.utf8))
        #expect(try await refused.errorCode() == "EntityTooSmall")
        #expect(await fixture.send(.delete, "/multi/small", query: "uploadId=\(smallId)").status == .noContent)
        #expect(
            try await fixture.send(.delete, "/multi/small", query: "uploadId=\(smallId)").errorCode() == "NoSuchUpload")
    }

    @Test func virtualHostStyleAddressing() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("vhost")
        #expect(await fixture.send(.put, "/k.txt", body: Data("v".utf8), host: "vhost.localhost:9000").status == .ok)
        #expect(try await fixture.send(.get, "/vhost/k.txt").text() == "v")
    }
}
