import FlareS3
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Testing

/// `aws-chunked` bodies without chunk signatures (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`, what SDKs
/// send over TLS with a trailing checksum), and malformed frames.
struct AWSChunkedTests {
    static func unsignedBody(_ data: Data, chunk: Int, trailer: Bool = true) -> Data {
        var body = Data()
        var offset = 0
        while offset < data.count {
            let end = min(offset + chunk, data.count)
            body.append(Data("\(String(end - offset, radix: 16))\r\n".utf8))
            body.append(data.subdata(in: offset..<end))
            body.append(Data("\r\n".utf8))
            offset = end
        }
        body.append(Data("0\r\n".utf8))
        if trailer { body.append(Data("x-amz-checksum-crc32:AAAAAA==\r\n".utf8)) }
        body.append(Data("\r\n".utf8))
        return body
    }

    @Test func unsignedTrailerUploadIsDecoded() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("chunks")
        let data = Data((0..<50_000).map { UInt8($0 % 251) })
        let response = await fixture.send(
            .put, "/chunks/k",
            headers: [
                "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding": "aws-chunked",
                "x-amz-decoded-content-length": String(data.count), "x-amz-trailer": "x-amz-checksum-crc32",
            ], body: Self.unsignedBody(data, chunk: 8192))
        #expect(response.status == .ok)
        let stored = await fixture.send(.get, "/chunks/k")
        #expect(try await stored.bytes() == data)
        // aws-chunked is a transfer detail, not the stored Content-Encoding.
        #expect(stored.header("Content-Encoding") == nil)
    }

    @Test func wrongDecodedLengthFailsAndStoresNothing() async throws {
        let fixture = try S3Fixture()
        defer { fixture.root.remove() }
        try await fixture.buckets.createBucket("chunks")
        let data = Data(repeating: 7, count: 1000)
        let response = await fixture.send(
            .put, "/chunks/short",
            headers: [
                "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding": "aws-chunked",
                "x-amz-decoded-content-length": "2000",
            ], body: Self.unsignedBody(data, chunk: 300, trailer: false))
        #expect(response.status == .badRequest)
        #expect(try await response.errorCode() == "IncompleteBody")
        #expect(await fixture.send(.head, "/chunks/short").status == .notFound)
    }
}
