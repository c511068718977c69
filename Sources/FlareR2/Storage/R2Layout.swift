import Foundation

/// Where a persist root keeps R2 state (Miniflare's `v3` layout, §3.7):
/// `<root>/v3/r2/miniflare-R2BucketObject/<idFromName(bucket)>.sqlite` and
/// `<root>/v3/r2/<sanitisePath(bucket)>/blobs/<blobId>`.
public struct R2Layout: Sendable {
    /// The Durable Object class Miniflare keeps bucket metadata in.
    public static let objectNamespace = "miniflare-R2BucketObject"
    /// `<root>/v3/r2`.
    public let r2Directory: URL

    /// The layout under `persistRoot`.
    public init(persistRoot: URL) {
        r2Directory = persistRoot.appendingPathComponent("v3/r2", isDirectory: true)
    }

    /// The directory of the metadata databases.
    public var metadataDirectory: URL { r2Directory.appendingPathComponent(Self.objectNamespace, isDirectory: true) }

    /// The metadata database of `bucketName`.
    public func indexURL(bucketName: String) -> URL {
        metadataDirectory.appendingPathComponent(
            R2Index.objectID(uniqueKey: Self.objectNamespace, name: bucketName) + ".sqlite")
    }

    /// workerd's `idFromName` for a Durable Object namespace `uniqueKey` (the SQLite file's name).
    public static func objectID(uniqueKey: String, name: String) -> String {
        R2Index.objectID(uniqueKey: uniqueKey, name: name)
    }

    /// The blob directory's parent of `bucketName`.
    public func bucketDirectory(bucketName: String) -> URL {
        r2Directory.appendingPathComponent(Self.sanitise(bucketName), isDirectory: true)
    }

    /// Miniflare's `sanitisePath`: `?<>*"'^/\:|` and control characters become `_`, dot segments
    /// and Windows reserved names are neutralised, and the name is capped at 255 bytes.
    public static func sanitise(_ name: String) -> String {
        let unsafe = Set("?<>*\"'^/\\:|")
        var result = String(
            name.map { ch -> Character in
                if unsafe.contains(ch) { return "_" }
                if let scalar = ch.unicodeScalars.first, ch.unicodeScalars.count == 1,
                    scalar.value < 0x20 || (scalar.value >= 0x7f && scalar.value <= 0x9f)
                {
                    return "_"
                }
                return ch
            })
        if result.isEmpty || result.allSatisfy({ $0 == "." }) { result = "_" + result }
        let stem = result.split(separator: ".", maxSplits: 1).first.map { String($0).uppercased() } ?? ""
        let reserved = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })
        if reserved.contains(stem) { result = "_" + result }
        while result.utf8.count > 255 { result.removeLast() }
        return result
    }
}
