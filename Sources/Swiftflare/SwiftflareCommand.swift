import ArgumentParser
import FlareWorkerAPI
import Synchronization

/// The `swiftflare` command line, wrangler-shaped.
///
/// People with their own Swift workers get the whole CLI in their own package:
/// ```swift
/// @main struct Dev {
///     static func main() async { await SwiftflareCommand.main(workers: [MyWorker.self]) }
/// }
/// ```
public struct SwiftflareCommand: AsyncParsableCommand {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    /// The command's configuration: its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "swiftflare",
        abstract: "A Cloudflare-compatible local emulator for Swift workers (Queues, D1, R2, cron).",
        version: version,
        subcommands: [
            ConfigCommand.self,
            DevCommand.self,
            D1Command.self,
            R2Command.self,
            QueuesCommand.self,
            CronCommand.self,
            FixturesCommand.self,
            VerifyCommand.self,
            BenchCommand.self,
            TailCommand.self,
        ]
    )

    /// Creates the command (argument parser requirement).
    public init() {}

    private static let extraWorkers = Mutex<[any Worker.Type]>([])

    /// The workers registered by the package that runs the CLI, besides the built-in ones.
    public static var registeredWorkers: [any Worker.Type] {
        extraWorkers.withLock { $0 }
    }

    /// Runs the CLI with `workers` registered beside the built-in ported workers, then exits.
    public static func main(workers: [any Worker.Type]) async {
        extraWorkers.withLock { $0 = workers }
        MallocTuning.apply()
        await main()
    }
}
