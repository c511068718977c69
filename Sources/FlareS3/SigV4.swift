import Crypto
import Foundation

/// The pieces of AWS Signature Version 4 as S3 uses them: the canonical request, the string to
/// sign, the signing key and the chunk signatures of `aws-chunked` uploads.
///
/// AWS documentation: <https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html>
public enum SigV4 {
    /// The hex SHA-256 of an empty payload.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    public static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// The hex HMAC-SHA256 of `text` with `key`.
    public static func signature(_ text: String, key: SymmetricKey) -> String {
        S3Encoding.hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    /// The hex SHA-256 of `data`.
    public static func sha256Hex(_ data: Data) -> String {
        S3Encoding.hex(SHA256.hash(data: data))
    }

    /// The canonical request.
    /// - Parameters:
    ///   - method: the method.
    ///   - path: the raw request path (S3 signs it as sent, without normalising it).
    ///   - query: decoded query pairs (re-encoded and sorted here).
    ///   - headers: lower-cased header name to value, for every signed header.
    ///   - signedHeaders: the signed header names, lower-cased, sorted.
    ///   - payloadHash: `x-amz-content-sha256` (a hex digest, `UNSIGNED-PAYLOAD`, `STREAMING-…`).
    public static func canonicalRequest(
        method: String, path: String, query: [(name: String, value: String)], headers: [String: String],
        signedHeaders: [String], payloadHash: String
    ) -> String {
        var pairs: [(name: String, value: String)] = query.map {
            (S3Encoding.uriEncode($0.name), S3Encoding.uriEncode($0.value))
        }
        pairs.sort { lhs, rhs in lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name }
        let encodedQuery = pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        var lines = [method, path.isEmpty ? "/" : path, encodedQuery]
        for name in signedHeaders {
            lines.append("\(name):\(canonicalHeaderValue(headers[name] ?? ""))")
        }
        lines.append("")
        lines.append(signedHeaders.joined(separator: ";"))
        lines.append(payloadHash)
        return lines.joined(separator: "\n")
    }

    /// A header value trimmed, with runs of spaces collapsed to one.
    static func canonicalHeaderValue(_ value: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(value.utf8.count)
        var lastWasSpace = false
        for byte in value.trimmedSpaces.utf8 {
            if byte == 0x20 || byte == 0x09 {
                if !lastWasSpace { result.append(0x20) }
                lastWasSpace = true
            } else {
                result.append(byte)
                lastWasSpace = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `AWS4-HMAC-SHA256\n<timestamp>\n<scope>\n<hex sha256 of the canonical request>`.
    public static func stringToSign(timestamp: String, scope: String, canonicalRequest: String) -> String {
        ["AWS4-HMAC-SHA256", timestamp, scope, sha256Hex(Data(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// The string to sign of one `aws-chunked` chunk, chained to the previous signature.
    public static func chunkStringToSign(
        timestamp: String, scope: String, previousSignature: String, chunkHash: String
    ) -> String {
        ["AWS4-HMAC-SHA256-PAYLOAD", timestamp, scope, previousSignature, emptyPayloadHash, chunkHash]
            .joined(separator: "\n")
    }
}
