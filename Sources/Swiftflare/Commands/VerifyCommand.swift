import ArgumentParser
import FlareFetch
import FlareVerify
import Foundation
import Logging

/// `swiftflare verify`: the checks of `verify-deployment.sh` (or `test-queue-system.sh` with
/// `--suite queue-system`) against the emulated deployment. Exit 0, 1 (warnings) or 2 (failures).
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run the deployment verification checks against the emulated deployment.",
        discussion: """
            Offline by default: reads the persist root (--persist-to, default .wrangler/state) and the \
            configs. With --url, reads queue, worker and cron state from a running `swiftflare dev`. \
            Behavioural probes run in a scratch copy; the real state is never written (unless --fix).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "deployment (verify-deployment.sh) or queue-system (test-queue-system.sh).")
    var suite: String = VerificationSuite.deployment.rawValue

    @Option(help: "A running `swiftflare dev`, e.g. http://localhost:8787 (default: read the persist root).")
    var url: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Never colour the output (colours are only used on a TTY).")
    var noColor = false

    @Flag(help: "queue-system: create missing queues and apply missing D1 migrations.")
    var fix = false

    @Flag(
        name: .customLong("no-probe"),
        help: "Skip the behavioural probes (7a, 7b, 8a and 8c then print INFO lines only).")
    var noProbe = false

    func validate() throws {
        guard VerificationSuite(rawValue: suite) != nil else {
            throw ValidationError("Unknown --suite \(suite); use deployment or queue-system")
        }
        if fix && suite != VerificationSuite.queueSystem.rawValue {
            throw ValidationError("--fix only applies to --suite queue-system")
        }
    }

    func run() async throws {
        let configs = try CLISupport.loadConfigs(global)
        var quiet = global
        if quiet.logLevel == "info" { quiet.logLevel = "warning" }
        let logger = CLISupport.bootstrapLogging(quiet)
        var options = VerifyOptions(
            configs: configs, persistRoot: CLISupport.persistRoot(global), registry: CLISupport.registry(),
            runProbes: !noProbe, fix: fix, logger: logger)
        if let url {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            guard let server = URL(string: trimmed), server.scheme != nil else {
                throw ValidationError("--url must be an absolute URL such as http://localhost:8787")
            }
            options.devServer = server
            options.fetcher = FlareFetchModule.makeFetcher(
                mode: .live, fixturesDirectory: URL(fileURLWithPath: "fixtures"), trackUsage: false,
                timeout: .seconds(30), logger: logger)
        }
        let report = await DeploymentVerifier(options: options).verify(VerificationSuite(rawValue: suite)!)
        let colors = !noColor && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        print(json ? try JSONRenderer.render(report) : TextRenderer(colors: colors).render(report), terminator: "")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
