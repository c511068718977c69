import ArgumentParser
import FlareR2
import FlareWorkerAPI
import Foundation
import Logging

/// `swiftflare r2`: Manage local R2 buckets and objects (wrangler's `r2`, always local).
struct R2Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "r2", abstract: "Manage local R2 buckets and objects.",
        subcommands: [Bucket.self, Object.self, Stats.self])
}

/// The R2 administrator of the persist root the global options name.
private func r2Admin(_ global: GlobalOptions) -> R2Admin {
    var logger = Logger(label: "swiftflare.r2")
    logger.logLevel = Logger.Level(rawValue: global.logLevel) ?? .info
    return R2Admin(persistRoot: URL(fileURLWithPath: global.persistTo ?? ".wrangler/state"), logger: logger)
}

/// A failed R2 command: printed as `Error: <message>`, without the usage text of a bad argument.
private struct R2CommandFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs `body`, turning library errors into a failure that prints their message alone.
private func reporting<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as R2AdminError {
        throw R2CommandFailure(description: error.message)
    } catch let error as R2Error {
        throw R2CommandFailure(description: error.message)
    }
}

private func formatBytes(_ bytes: Int) -> String {
    ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .binary)
}

extension R2Command {
    struct Bucket: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage local buckets.", subcommands: [Create.self, List.self, Delete.self, Info.self])
    }

    struct Object: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage objects in local buckets.", subcommands: [Put.self, Get.self, Delete.self, List.self])
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show objects, logical and stored bytes and the compression ratio of a bucket.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bucket.") var bucket: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let stats = try await reporting { try r2Admin(global).stats(bucket: bucket) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(stats), as: UTF8.self))
                return
            }
            print("bucket:            \(stats.bucket)")
            print("objects:           \(stats.objects) (\(stats.compressedObjects) Brotli-compressed)")
            print("uploads open:      \(stats.uploadsInProgress)")
            print("logical bytes:     \(stats.logicalBytes) (\(formatBytes(stats.logicalBytes)))")
            print("stored bytes:      \(stats.storedBytes) (\(formatBytes(stats.storedBytes)))")
            let reduction = (1 - stats.compressionRatio) * 100
            print(String(format: "compression ratio: %.3f (%.1f%% smaller)", stats.compressionRatio, reduction))
        }
    }
}

extension R2Command.Bucket {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a local bucket.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bucket name.") var name: String

        func run() async throws {
            print("Creating bucket '\(name)'...")
            try await reporting { try r2Admin(global).createBucket(name) }
            print("✅ Created bucket '\(name)' with default storage class of Standard.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List local buckets.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            for bucket in try await reporting({ try r2Admin(global).listBuckets() }) {
                print("name:           \(bucket.bucket)")
                print("creation_date:  \(bucket.created.map { ISO8601DateFormatter().string(from: $0) } ?? "-")")
                print("")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an empty local bucket.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bucket name.") var name: String

        func run() async throws {
            print("Deleting bucket \(name).")
            try await reporting { try r2Admin(global).deleteBucket(name) }
            print("Deleted bucket \(name).")
        }
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a local bucket's details.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bucket name.") var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let stats = try await reporting { try r2Admin(global).stats(bucket: name) }
            let created = stats.created.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
            if json {
                print(
                    "{\"name\":\"\(name)\",\"created\":\"\(created)\",\"location\":\"local\",\"storage_class\":\"Standard\","
                        + "\"object_count\":\(stats.objects),\"bucket_size\":\(stats.logicalBytes),"
                        + "\"stored_size\":\(stats.storedBytes)}")
                return
            }
            print("name:                   \(name)")
            print("created:                \(created)")
            print("location:               local")
            print("default_storage_class:  Standard")
            print("object_count:           \(stats.objects)")
            print("bucket_size:            \(formatBytes(stats.logicalBytes))")
            print("stored_size:            \(formatBytes(stats.storedBytes))")
        }
    }
}

extension R2Command.Object {
    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an object in a local bucket.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "<bucket>/<key>") var objectPath: String
        @Option(name: [.customShort("f"), .long], help: "The file to upload.") var file: String?
        @Flag(name: [.customShort("p"), .long], help: "Read the body from standard input.") var pipe = false
        @Option(name: [.long, .customLong("ct")], help: "Content-Type.") var contentType: String?
        @Option(name: [.long, .customLong("cd")], help: "Content-Disposition.") var contentDisposition: String?
        @Option(name: [.long, .customLong("ce")], help: "Content-Encoding.") var contentEncoding: String?
        @Option(name: [.long, .customLong("cl")], help: "Content-Language.") var contentLanguage: String?
        @Option(name: [.long, .customLong("cc")], help: "Cache-Control.") var cacheControl: String?
        @Option(help: "Expires (milliseconds since the epoch).") var expires: String?
        @Option(help: "Custom metadata as key=value (repeatable).") var customMetadata: [String] = []

        func run() async throws {
            let (bucket, key) = try await reporting { try R2Admin.parseObjectPath(objectPath) }
            let source: R2ObjectLocation
            if let file {
                source = .file(URL(fileURLWithPath: file))
            } else if pipe {
                source = .pipe
            } else {
                throw ValidationError("Either the --file or --pipe options are required.")
            }
            var metadata: [String: String] = [:]
            for pair in customMetadata {
                guard let equals = pair.firstIndex(of: "=") else {
                    throw ValidationError("--custom-metadata expects key=value, got \(pair)")
                }
                metadata[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            let http = R2HTTPMetadata(
                contentType: contentType, contentLanguage: contentLanguage, contentDisposition: contentDisposition,
                contentEncoding: contentEncoding, cacheControl: cacheControl,
                cacheExpiry: expires.flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0 / 1000) })
            FileHandle.standardError.write(Data("Creating object \"\(key)\" in bucket \"\(bucket)\".\n".utf8))
            _ = try await reporting {
                try await r2Admin(global).putObject(
                    bucket: bucket, key: key, from: source, httpMetadata: http,
                    customMetadata: metadata.isEmpty ? nil : metadata)
            }
            FileHandle.standardError.write(Data("Upload complete.\n".utf8))
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fetch an object from a local bucket.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "<bucket>/<key>") var objectPath: String
        @Option(name: [.customShort("f"), .long], help: "The file to write (default: the key).") var file: String?
        @Flag(name: [.customShort("p"), .long], help: "Write the body to standard output.") var pipe = false

        func run() async throws {
            let (bucket, key) = try await reporting { try R2Admin.parseObjectPath(objectPath) }
            let destination: R2ObjectLocation = pipe ? .pipe : .file(URL(fileURLWithPath: file ?? key))
            if !pipe { FileHandle.standardError.write(Data("Downloading \"\(key)\" from \"\(bucket)\".\n".utf8)) }
            _ = try await reporting { try await r2Admin(global).getObject(bucket: bucket, key: key, to: destination) }
            if !pipe { FileHandle.standardError.write(Data("Download complete.\n".utf8)) }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an object from a local bucket.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "<bucket>/<key>") var objectPath: String

        func run() async throws {
            let (bucket, key) = try await reporting { try R2Admin.parseObjectPath(objectPath) }
            FileHandle.standardError.write(Data("Deleting object \"\(key)\" from bucket \"\(bucket)\".\n".utf8))
            try await reporting { try await r2Admin(global).deleteObject(bucket: bucket, key: key) }
            FileHandle.standardError.write(Data("Delete complete.\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the objects of a local bucket.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bucket.") var bucket: String
        @Option(help: "Only keys with this prefix.") var prefix: String?

        func run() async throws {
            let objects = try await reporting { try await r2Admin(global).listObjects(bucket: bucket, prefix: prefix) }
            for object in objects {
                let type = object.httpMetadata?.contentType ?? "-"
                print("\(object.key)\t\(object.size)\t\(object.etag)\t\(type)")
            }
        }
    }
}
