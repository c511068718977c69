import ArgumentParser
import FlareConfig
import FlareD1
import FlareWorkerAPI
import Foundation
import Logging

/// `swiftflare d1`: Manage local D1 databases (wrangler-shaped).
struct D1Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "d1", abstract: "Manage local D1 databases.",
        subcommands: [Create.self, List.self, Info.self, Execute.self, Export.self, Migrations.self])

    /// Options shared by the subcommands that address one database.
    struct Target: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The database: its database_id, database_name or binding in the configs, or a storage id.")
        var database: String
        @Flag(help: "Print JSON as wrangler does.") var json = false
    }

    /// The persist root: `--persist-to` or `.wrangler/state`.
    static func persistRoot(_ global: GlobalOptions) -> URL {
        URL(fileURLWithPath: global.persistTo ?? ".wrangler/state")
    }

    /// Resolves DATABASE to a storage id through the configs (`--config`, else `wrangler-configs/`):
    /// `database_id`, then `database_name`, then binding name; otherwise DATABASE is the storage id.
    static func storageID(_ database: String, global: GlobalOptions) -> String {
        D1DatabaseConfig.storageID(for: database, among: configuredDatabases(global))
    }

    /// The config binding DATABASE resolves to, if any (for its migrations folder and table).
    static func config(_ database: String, global: GlobalOptions) -> D1DatabaseConfig? {
        let databases = configuredDatabases(global)
        let id = D1DatabaseConfig.storageID(for: database, among: databases)
        return databases.first { $0.storageID == id }
    }

    private static func configuredDatabases(_ global: GlobalOptions) -> [D1DatabaseConfig] {
        CLISupport.configPaths(global).flatMap { path in
            (try? WranglerConfigLoader.load(path: path, environment: global.environment))?.config.d1Databases ?? []
        }
    }

    static func open(_ target: Target) throws -> LocalD1Database {
        var logger = Logger(label: "swiftflare.d1")
        logger.logLevel = Logger.Level(rawValue: target.global.logLevel) ?? .info
        return try LocalD1Database(
            persistRoot: persistRoot(target.global), databaseID: storageID(target.database, global: target.global),
            logger: logger)
    }

    static func printJSON(_ value: JSONValue) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `{results, success, meta: {duration}}` per statement, blobs as `"[1, 2, 3]"`, as wrangler prints.
    static func wranglerJSON(_ result: D1Result) -> JSONValue {
        let rows: [JSONValue] = result.rows.map { row in
            var object: [String: JSONValue] = [:]
            for (column, value) in zip(row.columns, row.values) {
                if case .blob(let data) = value {
                    object[column] = .string("[" + data.map(String.init).joined(separator: ", ") + "]")
                } else {
                    object[column] = value.jsonValue
                }
            }
            return .object(object)
        }
        return .object([
            "results": .array(rows), "success": .bool(true),
            "meta": .object(["duration": .double(result.meta.duration)]),
        ])
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a local D1 database.")
        @OptionGroup var target: Target

        func run() async throws {
            let db = try D1Command.open(target)
            _ = try await db.prepare("PRAGMA table_list").all()
            print("✅ Successfully created DB '\(target.database)'")
            print("Created your new D1 database.")
            print("{\n  \"d1_databases\": [\n    {\n      \"binding\": \"DB\",")
            print("      \"database_name\": \"\(target.database)\",\n      \"database_id\": \"\(target.database)\"")
            print("    }\n  ]\n}")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List local D1 database files.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let files = D1Admin.list(persistRoot: D1Command.persistRoot(global))
            if json {
                try D1Command.printJSON(
                    .array(
                        files.map {
                            .object(["uuid": .string($0.objectID), "file_size": .int(Int64($0.sizeBytes))])
                        }))
            } else {
                for file in files { print("\(file.objectID)\t\(file.sizeBytes) bytes") }
            }
        }
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a local database's size and tables.")
        @OptionGroup var target: Target

        func run() async throws {
            let info = try await D1Admin.info(try D1Command.open(target))
            try D1Command.printJSON(info)
        }
    }
}
