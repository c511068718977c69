import ArgumentParser
import FlareConfig
import FlareFetch
import FlareRuntime
import FlareS3
import FlareWorkerAPI
import Foundation
import Logging

/// `swiftflare dev`: run the emulator and serve the workers.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Run the emulator on the given configs and serve the workers.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The primary worker's port; other fetch workers get the following ports.")
    var port: Int?

    @Option(help: "The address to bind (default 127.0.0.1).")
    var ip: String?

    @Option(
        name: .customLong("control-host"),
        help: "A host name (besides loopback) allowed to call the /cdn-cgi/ control routes (repeatable).")
    var controlHosts: [String] = []

    @Option(help: "The worker served on --port (default: the first config with a fetch handler).")
    var primary: String?

    @Option(help: "Outbound fetch mode: live, record, replay or replay-or-live.")
    var fetch: String = "replay"

    @Option(help: "The fixtures directory for record/replay.")
    var fixtures: String = "fixtures"

    @Option(help: "system, or manual (time moves only with `swiftflare cron advance`).")
    var clock: String = "system"

    @Flag(help: "Do not fire cron triggers on schedule.")
    var noCron = false

    @Flag(help: "Run cron triggers missed while stopped, once each.")
    var catchUp = false

    @Flag(help: "Serve /__scheduled as `wrangler dev --test-scheduled` does.")
    var testScheduled = false

    @Flag(inversion: .prefixedNo, help: "Put a worker's error in the body of its 500 response.")
    var showErrors = true

    @Flag(inversion: .prefixedNo, help: "Reload a worker when its config or .dev.vars changes.")
    var watch = true

    @Option(help: "Also serve the S3 endpoint at the root of this port (path- and <bucket>.localhost-style).")
    var s3Port: Int?

    @Option(help: "The S3 endpoint's access key id (env SWIFTFLARE_S3_ACCESS_KEY_ID).")
    var s3AccessKeyId: String?

    @Option(help: "The S3 endpoint's secret access key (env SWIFTFLARE_S3_SECRET_ACCESS_KEY).")
    var s3SecretAccessKey: String?

    @Flag(help: "Do not serve the S3 endpoint.")
    var noS3 = false

    func run() async throws {
        let loaded = try CLISupport.loadConfigs(global)
        let logger = CLISupport.bootstrapLogging(global, secrets: loaded.flatMap { Array($0.secrets.values) })
        var options = RuntimeOptions(persistRoot: CLISupport.persistRoot(global))
        options.port = port ?? loaded.compactMap(\.dev.port).first ?? 8787
        options.ip = ip ?? loaded.compactMap(\.dev.ip).first ?? "127.0.0.1"
        if !RuntimeOptions.isLoopback(ip: options.ip) {
            logger.warning(
                "Binding to \(options.ip), which is not a loopback address: other machines can reach the dev server")
        }
        options.primaryWorker = primary
        options.controlHosts = Set(controlHosts.map { $0.lowercased() })
        options.cronEnabled = !noCron
        options.cronCatchUp = catchUp
        options.testScheduled = testScheduled
        options.showErrors = showErrors
        let environment = ProcessInfo.processInfo.environment
        let s3Credentials = S3Credentials(
            accessKeyID: s3AccessKeyId ?? environment["SWIFTFLARE_S3_ACCESS_KEY_ID"]
                ?? S3Credentials.localDefault.accessKeyID,
            secretAccessKey: s3SecretAccessKey ?? environment["SWIFTFLARE_S3_SECRET_ACCESS_KEY"]
                ?? S3Credentials.localDefault.secretAccessKey)
        options.s3Credentials = noS3 ? nil : s3Credentials
        options.s3Port = noS3 ? nil : s3Port
        let clock: any FlareClock = self.clock == "manual" ? ManualClock(now: Date()) : SystemClock()
        let fetcher = try CLISupport.makeFetcher(mode: fetch, fixtures: fixtures, configs: loaded, logger: logger)
        let emulator = Emulator(
            configs: loaded, registry: CLISupport.registry(), options: options, fetcher: fetcher, clock: clock,
            logger: logger)
        // Hot reload polls the files each second on the wall clock, even with `--clock manual`.
        let watcher =
            watch
            ? ConfigWatcher(
                paths: CLISupport.configPaths(global), environment: global.environment, emulator: emulator,
                logger: logger) : nil
        let watching = Task { await watcher?.run(every: 1, clock: SystemClock()) }
        defer { watching.cancel() }
        let s3Options = options
        try await emulator.run { table in
            var lines = ["swiftflare \(SwiftflareCommand.version) ready:"]
            for row in table { lines.append("  \(row.worker) → \(row.url)") }
            if let primary = table.first?.url { lines.append("  inspector: \(primary)/cdn-cgi/local/inspector") }
            if let credentials = s3Options.s3Credentials {
                var endpoints = (table.first?.url).map { ["\($0)\(Emulator.s3PathPrefix)"] } ?? []
                if let s3Port = s3Options.s3Port { endpoints.append("http://\(s3Options.ip):\(s3Port)") }
                lines.append("  s3: \(endpoints.joined(separator: " and "))")
                lines.append(
                    "      AWS_ACCESS_KEY_ID=\(credentials.accessKeyID) AWS_SECRET_ACCESS_KEY=\(credentials.secretAccessKey)"
                )
            }
            // Written straight to the descriptor: `print` is block-buffered when stdout is a pipe or
            // a file (`make dev | tee`), and the table would only appear at exit.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
