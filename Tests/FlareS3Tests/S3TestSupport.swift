import Crypto
import FlareR2
import FlareS3
import FlareTesting
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging

/// A bucket store in a temporary persist root, the service over it, and a client that signs
/// requests as an AWS SDK does (Signature V4, header auth, signed payload).
struct S3Fixture {
    let root: TemporaryDirectory
    let clock: ManualClock
    let buckets: LocalS3Buckets
    let service: S3Service
    let credentials = S3Credentials(accessKeyID: "test-key", secretAccessKey: "test-secret")

    init(prefix: String = "") throws {
        root = try TemporaryDirectory(prefix: "swiftflare-s3")
        clock = ManualClock(now: Date(timeIntervalSince1970: 1_750_000_000))
        var logger = Logger(label: "test.s3")
        logger.logLevel = .critical
        buckets = LocalS3Buckets(persistRoot: root.url, clock: clock, logger: logger)
        service = S3Service(
            buckets: buckets, verifier: SigV4Verifier(credentials: credentials, clock: clock), pathPrefix: prefix,
            virtualHostSuffix: "localhost", logger: logger)
    }

    /// Signs and sends a request; `path` is raw (percent-encoded), `query` raw.
    func send(
        _ method: HTTPRequest.Method, _ path: String, query: String? = nil, headers: [String: String] = [:],
        body: Data = Data(), secret: String? = nil, host: String = "127.0.0.1:9000", sign: Bool = true
    ) async -> S3Response {
        let timestamp = S3TestSigner.amzDate(clock.now())
        var fields = HTTPFields()
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        if fields[HTTPField.Name("x-amz-content-sha256")!] == nil {
            fields[HTTPField.Name("x-amz-content-sha256")!] = SigV4.sha256Hex(body)
        }
        fields[HTTPField.Name("x-amz-date")!] = timestamp
        fields[.contentLength] = String(body.count)
        if sign {
            fields[.authorization] = S3TestSigner.authorization(
                method: method.rawValue, path: path, query: query, host: host, headers: fields,
                credentials: S3Credentials(
                    accessKeyID: credentials.accessKeyID, secretAccessKey: secret ?? credentials.secretAccessKey),
                timestamp: timestamp)
        }
        let request = S3Request(
            method: method, path: path, query: query, authority: host, headers: fields,
            body: WorkerBody(stream: Self.stream(body), knownLength: body.count))
        return await service.handle(request)
    }

    /// `body` as a stream of 1000-byte pieces (so that decoders see split frames).
    static func stream(_ body: Data, piece: Int = 1000) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { continuation in
            var offset = 0
            while offset < body.count {
                let end = min(offset + piece, body.count)
                continuation.yield(body.subdata(in: offset..<end))
                offset = end
            }
            continuation.finish()
        }
    }
}

/// Signs like an SDK, for the tests' client.
enum S3TestSigner {
    static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    static func authorization(
        method: String, path: String, query: String?, host: String, headers: HTTPFields, credentials: S3Credentials,
        timestamp: String, region: String = "auto"
    ) -> String {
        var values: [String: String] = ["host": host]
        for field in headers where field.name.canonicalName.lowercased().hasPrefix("x-amz-") {
            values[field.name.canonicalName.lowercased()] = field.value
        }
        for name in ["content-md5", "content-type"] {
            if let value = headers[HTTPField.Name(name)!] { values[name] = value }
        }
        let signed = values.keys.sorted()
        let request = S3Request(method: .get, path: path, query: query, authority: host, headers: HTTPFields())
        let canonical = SigV4.canonicalRequest(
            method: method, path: path, query: request.queryItems, headers: values, signedHeaders: signed,
            payloadHash: values["x-amz-content-sha256"] ?? SigV4.emptyPayloadHash)
        let date = String(timestamp.prefix(8))
        let scope = "\(date)/\(region)/s3/aws4_request"
        let key = SigV4.signingKey(secret: credentials.secretAccessKey, date: date, region: region, service: "s3")
        let signature = SigV4.signature(
            SigV4.stringToSign(timestamp: timestamp, scope: scope, canonicalRequest: canonical), key: key)
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders="
            + "\(signed.joined(separator: ";")), Signature=\(signature)"
    }
}

extension S3Response {
    /// The buffered or streamed body.
    func bytes() async throws -> Data { try await body.collect() }

    /// The body as text.
    func text() async throws -> String { String(decoding: try await bytes(), as: UTF8.self) }

    /// The `<Code>` of an error document.
    func errorCode() async throws -> String? {
        let text = try await text()
        guard let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>") else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// A header's value.
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}

/// Small helpers to read the XML answers in tests.
enum S3TestEncoding {
    static func values(_ element: String, in document: String) -> [String] {
        var result: [String] = []
        var rest = Substring(document)
        while let open = rest.range(of: "<\(element)>"),
            let close = rest.range(of: "</\(element)>", range: open.upperBound..<rest.endIndex)
        {
            result.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")) ?? text
    }
}
