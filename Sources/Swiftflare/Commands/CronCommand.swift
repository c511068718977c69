import ArgumentParser
import FlareCron
import FlareWorkerAPI
import Foundation

/// `swiftflare cron`: Cron triggers: list, next fire times, trigger, advance.
struct CronCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron", abstract: "Cron triggers: list, next fire times, trigger, advance.",
        subcommands: [Next.self, List.self, Trigger.self, Advance.self])

    /// Prints `message` on standard error and fails with exit code 1.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode.failure
    }

    /// Parses `--after`/`--to` or falls back to the current time.
    static func time(_ text: String?, option: String) throws -> Date {
        guard let text else { return SystemClock().now() }
        guard let date = CronFormatting.parse(text) else {
            throw ValidationError("\(option): '\(text)' is not an ISO 8601 time (e.g. 2025-01-01T00:00:00Z)")
        }
        return date
    }

    /// `swiftflare cron next <EXPR>`.
    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the next fire times of a cron expression (UTC, ISO 8601).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A cron expression in Cloudflare's dialect, e.g. \"*/30 * * * *\".")
        var expression: String

        @Option(help: "Start after this time (ISO 8601; default: now).")
        var after: String?

        @Option(help: "How many fire times to print.")
        var count = 5

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let start = try CronCommand.time(after, option: "--after")
            do {
                print(try CronReport.next(expression: expression, after: start, count: count, json: json))
            } catch let error as CronError {
                if json { print(CronReport.errorJSON(expression: expression, error: error)) }
                throw CronCommand.fail(error.message)
            }
        }
    }

    /// `swiftflare cron list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List each worker's cron triggers with their next fire times.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("cron"), help: "A cron expression to list (repeatable) instead of the configs'.")
        var crons: [String] = []

        @Option(help: "The worker name shown for --cron expressions.")
        var worker = "(command line)"

        @Option(help: "Start after this time (ISO 8601; default: now).")
        var after: String?

        @Option(help: "How many fire times per trigger.")
        var count = 5

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let start = try CronCommand.time(after, option: "--after")
            let triggers =
                crons.isEmpty ? try configuredTriggers(global) : [CronReport.Triggers(worker: worker, crons: crons)]
            let (text, valid) = CronReport.list(triggers, after: start, count: count, json: json)
            print(text)
            if !valid { throw ExitCode.failure }
        }

        /// Each configured worker's `[triggers] crons` (`--config`, or every config under `wrangler-configs/`).
        func configuredTriggers(_ global: GlobalOptions) throws -> [CronReport.Triggers] {
            try CLISupport.loadConfigs(global).filter { !$0.crons.isEmpty }.map {
                CronReport.Triggers(worker: $0.name, crons: $0.crons)
            }
        }
    }

    /// `swiftflare cron trigger <worker>`.
    struct Trigger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a worker's scheduled handler now, through a running `swiftflare dev`.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The worker's name.")
        var worker: String

        @Option(help: "The cron expression the handler sees (default: \"\").")
        var cron: String?

        @Option(help: "The scheduledTime the handler sees (ISO 8601; default: now).")
        var time: String?

        @OptionGroup var server: DevServerOptions

        func run() async throws {
            let scheduledTime = try time.map { try CronCommand.time($0, option: "--time") }
            let milliseconds = scheduledTime.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) }
            let query = DevServerClient.query([("worker", worker), ("cron", cron ?? ""), ("time", milliseconds)])
            let response = try await server.client.send("/cdn-cgi/local/cron/trigger\(query)", method: .post)
            let text = try await response.body.text()
            guard response.ok else { throw CronCommand.fail(text) }
            print(text)
        }
    }

    /// `swiftflare cron advance <duration>|--to <ISO>`.
    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Advance the manual clock of a running `swiftflare dev --clock manual`, firing due triggers.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "How far to advance: 90s, 30m, 2h, 1d.")
        var duration: String?

        @Option(help: "Advance to this time instead (ISO 8601).")
        var to: String?

        func validate() throws {
            guard (duration == nil) != (to == nil) else {
                throw ValidationError("Give either a duration (e.g. 30m) or --to <ISO time>.")
            }
            if let duration, Self.seconds(duration) == nil {
                throw ValidationError("'\(duration)' is not a duration (e.g. 90s, 30m, 2h, 1d).")
            }
        }

        @OptionGroup var server: DevServerOptions

        func run() async throws {
            let target = try to.map { try CronCommand.time($0, option: "--to") }
            let query = DevServerClient.query([
                ("seconds", duration.flatMap(Self.seconds).map { String($0) }),
                ("to", target.map { ISO8601DateFormatter().string(from: $0) }),
            ])
            let response = try await server.client.send("/cdn-cgi/local/cron/advance\(query)", method: .post)
            let text = try await response.body.text()
            guard response.ok else { throw CronCommand.fail(text) }
            print(text)
        }

        /// `90s`, `30m`, `2h`, `1d` (or plain seconds) in seconds.
        static func seconds(_ text: String) -> Double? {
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
            if let value = Double(text) { return value }
            guard let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()) else { return nil }
            return value * unit
        }
    }
}
