import Crypto
import FlareWorkerAPI
import Foundation

/// Checks a request's Signature V4 (an `Authorization` header or a presigned URL's query) against
/// the local credentials.
///
/// The region in the credential scope is taken as the client gives it (R2 uses `auto`); the
/// service must be `s3`. Header-signed requests must be within 15 minutes of the clock;
/// presigned URLs must not have expired.
public struct SigV4Verifier: Sendable {
    /// The accepted credentials.
    public let credentials: S3Credentials
    /// The clock requests are dated against.
    public let clock: any FlareClock
    /// How far a request's `x-amz-date` may be from the clock.
    public var allowedSkew: TimeInterval = 15 * 60

    /// Creates a verifier.
    public init(credentials: S3Credentials, clock: any FlareClock) {
        self.credentials = credentials
        self.clock = clock
    }

    /// What a verified request carries on: the key and scope chunk signatures are checked with.
    public struct Verified: Sendable {
        /// The derived signing key's bytes (`SymmetricKey` is not `Sendable`).
        public var signingKeyBytes: Data
        /// The derived signing key.
        public var signingKey: SymmetricKey { SymmetricKey(data: signingKeyBytes) }
        /// `x-amz-date`.
        public var timestamp: String
        /// `<date>/<region>/s3/aws4_request`.
        public var scope: String
        /// The request's signature (the seed of chunk signatures).
        public var signature: String
        /// `x-amz-content-sha256` (`UNSIGNED-PAYLOAD` for presigned URLs).
        public var payloadHash: String
    }

    /// Verifies `request`.
    /// - Throws: `S3Error`: `AccessDenied` (unsigned, unknown scheme, expired), `InvalidAccessKeyId`,
    ///   `AuthorizationHeaderMalformed`, `RequestTimeTooSkewed`, `SignatureDoesNotMatch`.
    public func verify(_ request: S3Request) throws(S3Error) -> Verified {
        if let authorization = request.header("Authorization") {
            return try verifyHeader(request, authorization: authorization)
        }
        if request.queryValue("X-Amz-Algorithm") != nil {
            return try verifyPresigned(request)
        }
        throw S3Error(
            code: "AccessDenied", message: "Access Denied: requests must be signed with AWS Signature Version 4",
            status: .forbidden)
    }

    private func verifyHeader(_ request: S3Request, authorization: String) throws(S3Error) -> Verified {
        let algorithm = "AWS4-HMAC-SHA256"
        guard authorization.hasPrefix(algorithm + " ") else {
            throw S3Error(
                code: "AccessDenied",
                message: "Access Denied: only AWS4-HMAC-SHA256 (Signature Version 4) is supported", status: .forbidden)
        }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst(algorithm.count + 1).split(separator: ",") {
            let pair = part.trimmedSpaces.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else { throw Self.malformed("the Authorization header is missing Credential, SignedHeaders or Signature") }
        guard let timestamp = request.header("x-amz-date") ?? request.header("Date").flatMap(Self.amzDate) else {
            throw S3Error(
                code: "AccessDenied", message: "AWS authentication requires a valid Date or x-amz-date header",
                status: .forbidden)
        }
        guard let date = Self.parseAmzDate(timestamp) else { throw Self.malformed("invalid x-amz-date \(timestamp)") }
        if abs(date.timeIntervalSince(clock.now())) > allowedSkew {
            throw S3Error(
                code: "RequestTimeTooSkewed",
                message: "The difference between the request time and the current time is too large.",
                status: .forbidden)
        }
        let payloadHash = request.header("x-amz-content-sha256") ?? SigV4.emptyPayloadHash
        return try check(
            request, credential: credential, signedHeaders: signed, signature: signature, timestamp: timestamp,
            query: request.queryItems, payloadHash: payloadHash)
    }

    private func verifyPresigned(_ request: S3Request) throws(S3Error) -> Verified {
        guard request.queryValue("X-Amz-Algorithm") == "AWS4-HMAC-SHA256",
            let credential = request.queryValue("X-Amz-Credential"),
            let signed = request.queryValue("X-Amz-SignedHeaders"),
            let signature = request.queryValue("X-Amz-Signature"),
            let timestamp = request.queryValue("X-Amz-Date"), let date = Self.parseAmzDate(timestamp),
            let expires = request.queryValue("X-Amz-Expires").flatMap(Int.init)
        else {
            throw S3Error(
                code: "AuthorizationQueryParametersError",
                message: "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
                status: .badRequest)
        }
        let now = clock.now()
        if now > date.addingTimeInterval(TimeInterval(expires)) {
            throw S3Error(code: "AccessDenied", message: "Request has expired", status: .forbidden)
        }
        if date.timeIntervalSince(now) > allowedSkew {
            throw S3Error(code: "AccessDenied", message: "Request is not valid yet", status: .forbidden)
        }
        let query = request.queryItems.filter { $0.name != "X-Amz-Signature" }
        let payloadHash = request.header("x-amz-content-sha256") ?? "UNSIGNED-PAYLOAD"
        return try check(
            request, credential: credential, signedHeaders: signed, signature: signature, timestamp: timestamp,
            query: query, payloadHash: payloadHash)
    }

    private func check(
        _ request: S3Request, credential: String, signedHeaders: String, signature: String, timestamp: String,
        query: [(name: String, value: String)], payloadHash: String
    ) throws(S3Error) -> Verified {
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[4] == "aws4_request", parts[3] == "s3" else {
            throw Self.malformed("the Credential \(credential) is not <key>/<date>/<region>/s3/aws4_request")
        }
        guard parts[0] == credentials.accessKeyID else {
            throw S3Error(
                code: "InvalidAccessKeyId",
                message: "The AWS Access Key Id you provided does not exist in our records.", status: .forbidden,
                details: [("AWSAccessKeyId", parts[0])])
        }
        guard timestamp.hasPrefix(parts[1]) else {
            throw Self.malformed("the credential date \(parts[1]) does not match x-amz-date \(timestamp)")
        }
        let names = signedHeaders.split(separator: ";").map { $0.lowercased() }
        guard names.contains("host") else { throw Self.malformed("the host header must be signed") }
        var values: [String: String] = [:]
        for name in names {
            values[name] = name == "host" ? (request.authority ?? request.header("Host") ?? "") : request.header(name)
        }
        let canonical = SigV4.canonicalRequest(
            method: request.method.rawValue, path: request.path, query: query, headers: values, signedHeaders: names,
            payloadHash: payloadHash)
        let scope = parts[1...4].joined(separator: "/")
        let stringToSign = SigV4.stringToSign(timestamp: timestamp, scope: scope, canonicalRequest: canonical)
        let key = SigV4.signingKey(
            secret: credentials.secretAccessKey, date: parts[1], region: parts[2], service: "s3")
        let expected = SigV4.signature(stringToSign, key: key)
        guard Self.constantTimeEquals(expected, signature.lowercased()) else {
            throw S3Error(
                code: "SignatureDoesNotMatch",
                message:
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                status: .forbidden,
                details: [
                    ("AWSAccessKeyId", parts[0]), ("StringToSign", stringToSign), ("SignatureProvided", signature),
                    ("CanonicalRequest", canonical),
                ])
        }
        return Verified(
            signingKeyBytes: key.withUnsafeBytes { Data($0) }, timestamp: timestamp, scope: scope, signature: expected,
            payloadHash: payloadHash)
    }

    static func malformed(_ detail: String) -> S3Error {
        S3Error(
            code: "AuthorizationHeaderMalformed", message: "The authorization header is malformed; \(detail).",
            status: .badRequest)
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`.
    static func parseAmzDate(_ text: String) -> Date? { S3Dates.parseAmz(text) }

    /// An RFC 1123 `Date` header as `yyyyMMdd'T'HHmmss'Z'`.
    static func amzDate(_ httpDate: String) -> String? {
        guard let date = S3Dates.parseHTTP(httpDate) else { return nil }
        return S3Dates.amz(date)
    }
}
