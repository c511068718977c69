import FlareWorkerAPI
import Foundation

/// The JSON Miniflare stores in `http_metadata`, `custom_metadata` and `checksums`
/// (`cacheExpiry` as milliseconds since the epoch).
enum StoredMetadata {
    private struct HTTP: Codable {
        var contentType: String?
        var contentLanguage: String?
        var contentDisposition: String?
        var contentEncoding: String?
        var cacheControl: String?
        var cacheExpiry: Double?
    }

    static func encodeHTTP(_ metadata: R2HTTPMetadata?) -> String {
        guard let metadata, metadata != R2HTTPMetadata() else { return "{}" }
        if metadata.cacheExpiry == nil {
            let fields: [(String, String?)] = [
                ("contentType", metadata.contentType), ("contentLanguage", metadata.contentLanguage),
                ("contentDisposition", metadata.contentDisposition), ("contentEncoding", metadata.contentEncoding),
                ("cacheControl", metadata.cacheControl),
            ]
            return FlatJSON.encode(fields.compactMap { key, value in value.map { (key, $0) } })
        }
        let stored = HTTP(
            contentType: metadata.contentType, contentLanguage: metadata.contentLanguage,
            contentDisposition: metadata.contentDisposition, contentEncoding: metadata.contentEncoding,
            cacheControl: metadata.cacheControl,
            cacheExpiry: metadata.cacheExpiry.map { ($0.timeIntervalSince1970 * 1000).rounded(.down) })
        return encode(stored)
    }

    static func decodeHTTP(_ json: String) -> R2HTTPMetadata {
        if json == "{}" { return R2HTTPMetadata() }
        if let flat = FlatJSON.stringObject(json) {
            return R2HTTPMetadata(
                contentType: flat["contentType"], contentLanguage: flat["contentLanguage"],
                contentDisposition: flat["contentDisposition"], contentEncoding: flat["contentEncoding"],
                cacheControl: flat["cacheControl"])
        }
        guard let stored = try? JSONDecoder().decode(HTTP.self, from: Data(json.utf8)) else {
            return R2HTTPMetadata()
        }
        return R2HTTPMetadata(
            contentType: stored.contentType, contentLanguage: stored.contentLanguage,
            contentDisposition: stored.contentDisposition, contentEncoding: stored.contentEncoding,
            cacheControl: stored.cacheControl,
            cacheExpiry: stored.cacheExpiry.map { Date(timeIntervalSince1970: $0 / 1000) })
    }

    static func encodeCustom(_ metadata: [String: String]?) -> String {
        guard let metadata, !metadata.isEmpty else { return "{}" }
        return FlatJSON.encode(metadata.map { ($0.key, $0.value) })
    }

    static func decodeCustom(_ json: String) -> [String: String] {
        guard json != "{}" else { return [:] }
        if let flat = FlatJSON.stringObject(json) { return flat }
        return (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    static func encodeChecksums(_ checksums: R2Checksums) -> String {
        let fields: [(String, String?)] = [
            ("md5", checksums.md5), ("sha1", checksums.sha1), ("sha256", checksums.sha256),
            ("sha384", checksums.sha384), ("sha512", checksums.sha512),
        ]
        return FlatJSON.encode(fields.compactMap { key, value in value.map { (key, $0) } })
    }

    static func decodeChecksums(_ json: String) -> R2Checksums {
        if let flat = FlatJSON.stringObject(json) {
            return R2Checksums(
                md5: flat["md5"], sha1: flat["sha1"], sha256: flat["sha256"], sha384: flat["sha384"],
                sha512: flat["sha512"])
        }
        return (try? JSONDecoder().decode(R2Checksums.self, from: Data(json.utf8))) ?? R2Checksums()
    }

    private static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
