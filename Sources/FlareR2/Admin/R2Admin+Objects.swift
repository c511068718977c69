import FlareWorkerAPI
import Foundation

/// Where `r2 object put` reads a body from, or `r2 object get` writes one to.
public enum R2ObjectLocation: Sendable, Equatable {
    /// A file.
    case file(URL)
    /// Standard input (`put --pipe`) or standard output (`get --pipe`).
    case pipe
}

extension R2Admin {
    /// Splits `<bucket>/<key>` as wrangler does.
    /// - Throws: `R2AdminError`: `The object path must be in the form of {bucket}/{key} you provided <p>`.
    public static func parseObjectPath(_ path: String) throws -> (bucket: String, key: String) {
        let invalid = R2AdminError("The object path must be in the form of {bucket}/{key} you provided \(path)")
        guard let slash = path.firstIndex(of: "/"), slash != path.startIndex else { throw invalid }
        let bucket = String(path[..<slash])
        do { try validateBucketName(bucket) } catch { throw invalid }
        return (bucket, String(path[path.index(after: slash)...]))
    }

    /// Stores a file (streamed in 1 MiB chunks) or standard input as an object.
    /// - Throws: `R2AdminError` for an unreadable file; `R2Error` from `put`.
    public func putObject(
        bucket: String, key: String, from source: R2ObjectLocation, httpMetadata: R2HTTPMetadata?,
        customMetadata: [String: String]?
    ) async throws -> R2Object {
        let value: R2PutValue
        switch source {
        case .pipe:
            value = .bytes(FileHandle.standardInput.readDataToEndOfFile())
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url),
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int
            else { throw R2AdminError("Cannot read \(url.path)") }
            let stream = AsyncThrowingStream<Data, any Error> { continuation in
                while let chunk = try? handle.read(upToCount: 1024 * 1024), !chunk.isEmpty {
                    continuation.yield(chunk)
                }
                try? handle.close()
                continuation.finish()
            }
            value = .stream(stream, length: size)
        }
        let options = R2PutOptions(httpMetadata: httpMetadata, customMetadata: customMetadata)
        guard let object = try await open(bucket).put(key, value, options: options) else {
            throw R2AdminError("The object was not stored.")
        }
        return object
    }

    /// Writes an object to a file or standard output, chunk by chunk.
    /// - Throws: `R2AdminError("The specified key does not exist.")`, or an I/O error.
    public func getObject(bucket: String, key: String, to destination: R2ObjectLocation) async throws -> R2Object {
        guard exists(bucket), let body = try await open(bucket).get(key) else {
            throw R2AdminError("The specified key does not exist.")
        }
        let handle: FileHandle
        switch destination {
        case .pipe:
            handle = FileHandle.standardOutput
        case .file(let url):
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw R2AdminError("Cannot write \(url.path)")
            }
            handle = try FileHandle(forWritingTo: url)
        }
        for try await chunk in try body.stream().chunks() { try handle.write(contentsOf: chunk) }
        if case .file = destination { try handle.close() }
        return body.object
    }

    /// Deletes an object (a missing one is no error, as in R2).
    /// - Throws: `R2Error` for an invalid key.
    public func deleteObject(bucket: String, key: String) async throws {
        try await open(bucket).delete(key)
    }

    /// Every object of a bucket with `prefix`, across pages.
    /// - Throws: `R2AdminError` for a missing bucket; `R2Error` from `list`.
    public func listObjects(bucket: String, prefix: String?) async throws -> [R2Object] {
        guard exists(bucket) else { throw R2AdminError("The specified bucket does not exist.") }
        let opened = try open(bucket)
        var objects: [R2Object] = []
        var cursor: String?
        repeat {
            let page = try await opened.list(
                R2ListOptions(prefix: prefix, cursor: cursor, include: [.httpMetadata, .customMetadata]))
            objects += page.objects
            cursor = page.cursor
        } while cursor != nil
        return objects
    }
}
