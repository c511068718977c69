import Foundation

/// A fresh directory under the system's temporary directory, for one test's persist root.
///
/// ```swift
/// let root = try TemporaryDirectory()
/// defer { root.remove() }
/// let db = try LocalD1Database(persistRoot: root.url, databaseID: "db")
/// ```
public struct TemporaryDirectory: Sendable {
    /// The directory.
    public let url: URL

    /// Creates a uniquely named empty directory.
    /// - Throws: a file-system error when it cannot be created.
    public init(prefix: String = "swiftflare-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path as a string.
    public var path: String { url.path }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Runs `body` with a fresh directory and removes it afterwards.
    /// - Throws: whatever `body` throws.
    public static func with<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try await body(directory.url)
    }
}
