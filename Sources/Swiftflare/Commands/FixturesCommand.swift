import ArgumentParser
import FlareFetch
import Foundation

/// `swiftflare fixtures`: Recorded upstream API fixtures.
struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures", abstract: "Recorded upstream API fixtures.",
        subcommands: [List.self, Show.self, Verify.self, Prune.self])
}

/// The `--fixtures DIR` option every `fixtures` subcommand takes.
struct FixturesOptions: ParsableArguments {
    @Option(name: .customLong("fixtures"), help: "The fixtures directory.")
    var directory: String = "fixtures"

    var catalog: FixtureCatalog { FixtureCatalog(directory: URL(fileURLWithPath: directory, isDirectory: true)) }
}

extension FixturesCommand {
    /// `swiftflare fixtures list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List fixtures: name, request and status.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: FixturesOptions

        func run() async throws {
            for line in try await options.catalog.list() { print(line) }
        }
    }

    /// `swiftflare fixtures show NAME`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one fixture file.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: FixturesOptions
        @Argument(help: "The fixture name, e.g. api.binance.us/klines-BTCUSDT-1h-1000.") var name: String

        func run() async throws {
            print(try options.catalog.show(name), terminator: "")
        }
    }

    /// `swiftflare fixtures verify`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every fixture parses and replays for its own recorded request (exit 1 if not).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: FixturesOptions

        func run() async throws {
            let catalog = options.catalog
            let problems = try await catalog.verify()
            for problem in problems { print(problem) }
            guard problems.isEmpty else { throw ExitCode.failure }
            print("\(try await catalog.list().count) fixtures OK")
        }
    }

    /// `swiftflare fixtures prune`.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove fixtures no replay run used (as listed in <fixtures>/.fixtures-used).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: FixturesOptions
        @Flag(name: .customLong("dry-run"), help: "Only list what would be removed.") var dryRun = false

        func run() async throws {
            let removed = try await options.catalog.prune(dryRun: dryRun)
            for name in removed { print((dryRun ? "would remove " : "removed ") + name) }
            print("\(removed.count) fixture(s) \(dryRun ? "unused" : "removed")")
        }
    }
}
