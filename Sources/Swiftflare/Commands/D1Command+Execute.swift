import ArgumentParser
import FlareD1
import FlareWorkerAPI
import Foundation

extension D1Command {
    struct Execute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Execute SQL on a local database.")
        @OptionGroup var target: Target
        @Option(help: "SQL to run.") var command: String?
        @Option(help: "An SQL file to run (streamed, in one transaction).") var file: String?

        func validate() throws {
            if command != nil && file != nil {
                throw ValidationError("Error: can't provide both --command and --file.")
            }
            if command == nil && file == nil {
                throw ValidationError(
                    "Missing required option --command or --file. Provide a SQL command inline with "
                        + "--command=\"<SQL>\", or a path to a SQL file with --file=<path>.")
            }
        }

        func run() async throws {
            let db = try D1Command.open(target)
            if !target.json {
                print(
                    "🌀 Executing on local database \(target.database) (\(target.database)) from .wrangler/state/v3/d1:")
            }
            do {
                let imported: D1ImportResult
                if let file {
                    imported = try await db.importSQL(contentsOf: URL(fileURLWithPath: file))
                } else {
                    imported = try await db.importSQL(command ?? "")
                }
                if target.json {
                    try D1Command.printJSON(.array(imported.results.map(D1Command.wranglerJSON)))
                } else {
                    for result in imported.results { try D1Command.printJSON(D1Command.wranglerJSON(result)) }
                    let plural = imported.statements == 1 ? "command" : "commands"
                    print("🚣 \(imported.statements) \(plural) executed successfully.")
                }
            } catch let error as D1Error {
                let text = error.causeMessage ?? error.message
                if target.json { try D1Command.printJSON(.object(["error": .object(["text": .string(text)])])) }
                throw ValidationError(text)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export a local database as SQL.")
        @OptionGroup var target: Target
        @Option(help: "The file to write.") var output: String
        @Flag(name: .customLong("no-schema"), help: "Only data.") var noSchema = false
        @Flag(name: .customLong("no-data"), help: "Only the schema.") var noData = false
        @Option(help: "Only this table (repeatable).") var table: [String] = []

        func validate() throws {
            if noSchema && noData { throw ValidationError("Cannot use --no-schema and --no-data together.") }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("Please specify a file path for --output, not a directory.")
            }
        }

        func run() async throws {
            let db = try D1Command.open(target)
            print("🌀 Exporting local database \(target.database) (\(target.database)) from .wrangler/state/v3/d1")
            print("🌀 Exporting SQL to \(output)...")
            try await db.export(
                D1ExportOptions(noSchema: noSchema, noData: noData, tables: table), to: URL(fileURLWithPath: output))
            print("Done!")
        }
    }
}
