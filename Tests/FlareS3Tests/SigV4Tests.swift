import FlareS3
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Testing

/// AWS's documented Signature V4 examples for S3 (secret `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
/// 2013-05-24, us-east-1): the GET-object header example, the presigned-URL example and the
/// `aws-chunked` upload example with its seed and chunk signatures.
struct SigV4Tests {
    static let credentials = S3Credentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let exampleTime = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    static func verifier(at date: Date = exampleTime) -> SigV4Verifier {
        SigV4Verifier(credentials: credentials, clock: ManualClock(now: date))
    }

    static func getObjectRequest(signature: String) -> S3Request {
        var headers = HTTPFields()
        headers[.range] = "bytes=0-9"
        headers[HTTPField.Name("x-amz-content-sha256")!] = SigV4.emptyPayloadHash
        headers[HTTPField.Name("x-amz-date")!] = "20130524T000000Z"
        headers[.authorization] =
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=\(signature)"
        return S3Request(
            method: .get, path: "/test.txt", query: nil, authority: "examplebucket.s3.amazonaws.com", headers: headers)
    }

    @Test func getObjectExampleSignature() throws {
        let canonical = SigV4.canonicalRequest(
            method: "GET", path: "/test.txt", query: [],
            headers: [
                "host": "examplebucket.s3.amazonaws.com", "range": "bytes=0-9",
                "x-amz-content-sha256": SigV4.emptyPayloadHash, "x-amz-date": "20130524T000000Z",
            ], signedHeaders: ["host", "range", "x-amz-content-sha256", "x-amz-date"],
            payloadHash: SigV4.emptyPayloadHash)
        let stringToSign = SigV4.stringToSign(
            timestamp: "20130524T000000Z", scope: "20130524/us-east-1/s3/aws4_request", canonicalRequest: canonical)
        #expect(stringToSign.hasSuffix("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"))
        let key = SigV4.signingKey(
            secret: Self.credentials.secretAccessKey, date: "20130524", region: "us-east-1", service: "s3")
        #expect(
            SigV4.signature(stringToSign, key: key)
                == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func verifierAcceptsTheExampleAndRefusesAChangedOne() throws {
        let good = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        let verified = try Self.verifier().verify(Self.getObjectRequest(signature: good))
        #expect(verified.scope == "20130524/us-east-1/s3/aws4_request")
        let bad = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42"
        #expect(throws: S3Error.self) { try Self.verifier().verify(Self.getObjectRequest(signature: bad)) }
        do {
            _ = try Self.verifier().verify(Self.getObjectRequest(signature: bad))
        } catch {
            #expect(error.code == "SignatureDoesNotMatch")
            #expect(error.status == .forbidden)
        }
    }

    @Test func skewedAndUnsignedRequestsAreRefused() {
        let good = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        let late = Self.verifier(at: Self.exampleTime.addingTimeInterval(3600))
        do {
            _ = try late.verify(Self.getObjectRequest(signature: good))
            Issue.record("a request an hour old was accepted")
        } catch {
            #expect(error.code == "RequestTimeTooSkewed")
        }
        let unsigned = S3Request(method: .get, path: "/", query: nil, authority: "localhost", headers: HTTPFields())
        do {
            _ = try Self.verifier().verify(unsigned)
            Issue.record("an unsigned request was accepted")
        } catch {
            #expect(error.code == "AccessDenied")
        }
    }

    @Test func presignedExample() throws {
        let query =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        let request = S3Request(
            method: .get, path: "/test.txt", query: query, authority: "examplebucket.s3.amazonaws.com",
            headers: HTTPFields())
        let verified = try Self.verifier().verify(request)
        #expect(verified.payloadHash == "UNSIGNED-PAYLOAD")
        let expired = Self.verifier(at: Self.exampleTime.addingTimeInterval(86_401))
        do {
            _ = try expired.verify(request)
            Issue.record("an expired URL was accepted")
        } catch {
            #expect(error.code == "AccessDenied")
            #expect(error.message == "Request has expired")
        }
    }

    /// The streaming example: 66560 bytes of `a` in a 65536-byte chunk, a 1024-byte chunk and
    /// the final empty chunk.
    static func chunkedRequest(tamper: Bool = false) -> S3Request {
        let signatures = [
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
        ]
        var body = Data()
        for (size, signature) in zip([65536, 1024, 0], signatures) {
            body.append(Data("\(String(size, radix: 16));chunk-signature=\(signature)\r\n".utf8))
            body.append(Data(repeating: UInt8(ascii: "a"), count: size))
            body.append(Data("\r\n".utf8))
        }
        if tamper { body[body.count / 2] = UInt8(ascii: "b") }
        #expect(body.count == 66824)
        var headers = HTTPFields()
        headers[.contentEncoding] = "aws-chunked"
        headers[.contentLength] = "66824"
        headers[HTTPField.Name("x-amz-content-sha256")!] = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
        headers[HTTPField.Name("x-amz-date")!] = "20130524T000000Z"
        headers[HTTPField.Name("x-amz-decoded-content-length")!] = "66560"
        headers[HTTPField.Name("x-amz-storage-class")!] = "REDUCED_REDUNDANCY"
        headers[.authorization] =
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
            + "x-amz-decoded-content-length;x-amz-storage-class,"
            + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
        return S3Request(
            method: .put, path: "/examplebucket/chunkObject.txt", query: nil, authority: "s3.amazonaws.com",
            headers: headers, body: WorkerBody(stream: S3Fixture.stream(body, piece: 7000), knownLength: body.count))
    }

    @Test func chunkedExampleSeedSignature() throws {
        let verified = try Self.verifier().verify(Self.chunkedRequest())
        #expect(verified.signature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
    }

    @Test func chunkedExampleUploadsThroughTheService() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        let service = S3Service(
            buckets: fixture.buckets, verifier: Self.verifier(), virtualHostSuffix: nil)
        try await fixture.buckets.createBucket("examplebucket")
        let response = await service.handle(Self.chunkedRequest())
        #expect(response.status == .ok)
        let bucket = try #require(try await fixture.buckets.bucket(named: "examplebucket"))
        let stored = try #require(try await bucket.get("chunkObject.txt"))
        #expect(try await stored.bytes() == Data(repeating: UInt8(ascii: "a"), count: 66560))

        let tampered = await service.handle(Self.chunkedRequest(tamper: true))
        #expect(tampered.status == .forbidden)
        #expect(try await tampered.errorCode() == "SignatureDoesNotMatch")
        // The failed upload left the first object as it was.
        let again = try #require(try await bucket.get("chunkObject.txt"))
        #expect(try await again.bytes().count == 66560)
    }
}
