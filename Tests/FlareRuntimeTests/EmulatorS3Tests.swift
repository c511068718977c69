import FlareR2
import FlareS3
import FlareTesting
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Testing

@testable import FlareRuntime

/// The S3 endpoint and the workers' R2 bindings share one `LocalR2Bucket` per bucket.
struct EmulatorS3Tests {
    static let credentials = S3Credentials(accessKeyID: "k", secretAccessKey: "s")

    /// A request signed as an SDK signs it (header auth, signed payload).
    static func signed(
        _ method: HTTPRequest.Method, _ path: String, body: Data = Data(), clock: ManualClock
    ) -> S3Request {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let timestamp = formatter.string(from: clock.now())
        let host = "127.0.0.1:8787"
        let payload = SigV4.sha256Hex(body)
        let values = ["host": host, "x-amz-content-sha256": payload, "x-amz-date": timestamp]
        let signedHeaders = values.keys.sorted()
        let canonical = SigV4.canonicalRequest(
            method: method.rawValue, path: path, query: [], headers: values, signedHeaders: signedHeaders,
            payloadHash: payload)
        let scope = "\(timestamp.prefix(8))/auto/s3/aws4_request"
        let key = SigV4.signingKey(
            secret: credentials.secretAccessKey, date: String(timestamp.prefix(8)), region: "auto", service: "s3")
        let signature = SigV4.signature(
            SigV4.stringToSign(timestamp: timestamp, scope: scope, canonicalRequest: canonical), key: key)
        var headers = HTTPFields()
        headers[HTTPField.Name("x-amz-content-sha256")!] = payload
        headers[HTTPField.Name("x-amz-date")!] = timestamp
        headers[.contentLength] = String(body.count)
        headers[.authorization] =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
        return S3Request(
            method: method, path: path, query: nil, authority: host, headers: headers,
            body: WorkerBody(data: body))
    }

    @Test func s3AndTheBindingShareBuckets() async throws {
        let config = try EmulatorTests.config(
            """
            name = "echo"
            [[r2_buckets]]
            binding = "BUCKET"
            bucket_name = "files"
            """, file: "echo.toml")
        var options = RuntimeOptions()
        options.s3Credentials = Self.credentials
        try await TestEmulator.with(
            configs: [config], workers: EmulatorTests.workers, fetcher: OfflineFetcher(), options: options
        ) { harness in
            let made = try #require(
                await harness.emulator.makeS3Service(pathPrefix: Emulator.s3PathPrefix, virtualHostSuffix: nil))
            let service = S3Service(
                buckets: made.buckets, verifier: SigV4Verifier(credentials: Self.credentials, clock: harness.clock),
                pathPrefix: Emulator.s3PathPrefix)
            let bound = try #require(await harness.emulator.resources?.buckets["files"])
            let viaS3 = try #require(try await service.buckets.bucket(named: "files"))
            #expect(viaS3 === bound)

            let prefix = Emulator.s3PathPrefix
            let put = await service.handle(
                Self.signed(.put, "\(prefix)/files/from-s3", body: Data("hello".utf8), clock: harness.clock))
            #expect(put.status == .ok)
            #expect(try await bound.get("from-s3")?.text() == "hello")

            // A bucket created through S3 joins the emulator's open buckets.
            #expect(await service.handle(Self.signed(.put, "\(prefix)/made-by-s3", clock: harness.clock)).status == .ok)
            let created = try #require(await harness.emulator.resources?.buckets["made-by-s3"])
            #expect(try await service.buckets.bucket(named: "made-by-s3") === created)

            // The bound bucket cannot be deleted; the other one can (and is closed).
            _ = try await bound.delete("from-s3")
            let refused = await service.handle(Self.signed(.delete, "\(prefix)/files", clock: harness.clock))
            #expect(refused.status == .conflict)
            #expect(
                await service.handle(Self.signed(.delete, "\(prefix)/made-by-s3", clock: harness.clock)).status
                    == .noContent)
            #expect(await harness.emulator.resources?.buckets["made-by-s3"] == nil)
        }
    }
}
