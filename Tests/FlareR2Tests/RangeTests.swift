import FlareR2
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging
import Testing

struct RangeTests {
    private let data = timeseriesText(200_000)

    private func read(_ bucket: LocalR2Bucket, _ range: R2Range) async throws -> (R2Range?, Data) {
        guard case .body(let body)? = try await bucket.get("k", options: R2GetOptions(range: range)) else {
            throw R2Error(code: -1, message: "no body")
        }
        return (body.object.range, try await body.bytes())
    }

    @Test(arguments: [
        CompressionPolicy(), CompressionPolicy.none,
    ])
    func rangesAtTheEdges(policy: CompressionPolicy) async throws {
        let fixture = try R2Fixture(options: LocalR2Options(compression: policy))
        defer { fixture.root.remove() }
        let bucket = fixture.bucket
        try await bucket.put("k", .bytes(data))
        let size = data.count
        let cases: [(R2Range, Int, Int)] = [
            (.offset(0, length: 1), 0, 1),
            (.offset(3, length: 4), 3, 4),
            (.offset(size - 1, length: nil), size - 1, 1),
            (.offset(10, length: size * 2), 10, size - 10),
            (.offset(150_000, length: nil), 150_000, size - 150_000),
            (.suffix(5), size - 5, 5),
            (.suffix(size + 100), 0, size),
        ]
        for (range, offset, length) in cases {
            let (reported, bytes) = try await read(bucket, range)
            #expect(reported == .offset(offset, length: length))
            #expect(bytes == data.subdata(in: offset..<offset + length))
        }
        for range in [
            R2Range.offset(size, length: nil), .offset(size + 1, length: 1), .offset(0, length: 0), .suffix(0),
        ] {
            let message = await r2ErrorMessage { _ = try await bucket.get("k", options: R2GetOptions(range: range)) }
            #expect(message == "get: The requested range is not satisfiable (10039)")
        }
        #expect(
            await r2ErrorMessage { _ = try await bucket.get("k", options: .init(range: .offset(-1, length: nil))) }
                == "RangeError: Invalid range. Starting offset (-1) must be greater than or equal to 0.")
        #expect(
            await r2ErrorMessage { _ = try await bucket.get("k", options: .init(range: .offset(0, length: -2))) }
                == "RangeError: Invalid range. Length (-2) must be greater than or equal to 0.")
        #expect(
            await r2ErrorMessage { _ = try await bucket.get("k", options: .init(range: .suffix(-3))) }
                == "RangeError: Invalid suffix. Suffix (-3) must be greater than or equal to 0.")
    }

    @Test func rangeOnAMissingKeyIsNil() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        #expect(try await fixture.bucket.get("none", options: .init(range: .offset(5, length: 5))) == nil)
    }
}

struct RangeHeaderTests {
    @Test func rangeHeadersServeOneRangeOrTheWholeObject() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let data = Data("0123456789abcdef".utf8)
        try await fixture.bucket.put("k", .bytes(data))
        let cases: [(String?, Int, Int)] = [
            ("bytes=3-6", 3, 4), ("bytes=10-", 10, 6), ("bytes=-5", 11, 5), ("bytes=4-100", 4, 12),
            (nil, 0, 16), ("", 0, 16), ("bytes=20-30", 0, 16), ("bytes=1-2,4-5", 0, 16), ("bytes=x-y", 0, 16),
            ("items=1-2", 0, 16), ("bytes=5-3", 0, 16),
        ]
        for (header, offset, length) in cases {
            var options = R2GetOptions()
            options.rangeHeader = header
            guard case .body(let body)? = try await fixture.bucket.get("k", options: options) else {
                Issue.record("no body for \(header ?? "nil")")
                continue
            }
            #expect(body.object.range == .offset(offset, length: length), "\(header ?? "nil")")
            #expect(try await body.bytes() == data.subdata(in: offset..<offset + length))
        }
    }

    @Test func writesHTTPMetadataHeaders() async throws {
        let fixture = try R2Fixture()
        defer { fixture.root.remove() }
        let http = R2HTTPMetadata(
            contentType: "text/csv", contentLanguage: "de", contentDisposition: "attachment", contentEncoding: "gzip",
            cacheControl: "no-store", cacheExpiry: Date(timeIntervalSince1970: 1_735_689_600))
        let object = try #require(try await fixture.bucket.put("k", .text("a,b"), options: .init(httpMetadata: http)))
        var headers = HTTPFields()
        try object.writeHttpMetadata(to: &headers)
        #expect(headers[.contentType] == "text/csv")
        #expect(headers[.contentEncoding] == "gzip")
        #expect(headers[.expires] == "Wed, 01 Jan 2025 00:00:00 GMT")
        var listed = try await fixture.bucket.list().objects[0]
        listed.httpMetadata = nil
        #expect(
            throws: R2Error(
                code: 0,
                message:
                    "TypeError: HTTP metadata unknown for key `k`. Did you forget to add 'httpMetadata' to `include` when listing?"
            )
        ) { try listed.writeHttpMetadata(to: &headers) }
        // Stored as is: the body says it is already gzip-encoded.
        let admin = R2Admin(persistRoot: fixture.root.url, logger: Logger(label: "test.r2"))
        #expect(try admin.blobEncodings(bucket: "bucket")["k"]?.encoding == "identity")
    }
}
