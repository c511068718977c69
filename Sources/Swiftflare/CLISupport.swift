import ArgumentParser
import FlareConfig
import FlareCron
import FlareFetch
import FlareRuntime
import FlareWorkerAPI
import FlareWorkers
import Foundation
import Logging

/// What several commands share: loading configs with diagnostics, logging, the persist root, the
/// fetcher and the worker registry.
enum CLISupport {
    /// The config files named with `--config`, or every config under `wrangler-configs/`.
    static func configPaths(_ global: GlobalOptions) -> [String] {
        global.configs.isEmpty ? WranglerConfigLoader.discoverConfigs(in: "wrangler-configs") : global.configs
    }

    /// Loads and normalises the configs, validating cron expressions too; prints diagnostics and
    /// fails (exit 1) when any config has errors.
    /// - Throws: `ExitCode(1)` on errors, `ValidationError` when no config is found.
    static func loadConfigs(_ global: GlobalOptions, environment: String? = nil) throws -> [WorkerConfig] {
        let paths = configPaths(global)
        guard !paths.isEmpty else {
            throw ValidationError("No wrangler config found: pass --config FILE or run from the project root")
        }
        var configs: [WorkerConfig] = []
        var failed = false
        for path in paths {
            let (config, diagnostics) = ConfigWatcher.load(path: path, environment: environment ?? global.environment)
            if !diagnostics.isEmpty { FileHandle.standardError.write(Data((diagnostics + "\n").utf8)) }
            if let config { configs.append(config) } else { failed = true }
        }
        if failed { throw ExitCode(1) }
        return configs
    }

    /// Sets up console logging at `--log-level`, redacting secret values, and returns the root logger.
    static func bootstrapLogging(_ global: GlobalOptions, secrets: [String] = []) -> Logger {
        let level = Logger.Level(rawValue: global.logLevel.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            ConsoleLogHandler(label: label, level: level, redacting: secrets)
        }
        var logger = Logger(label: "swiftflare")
        logger.logLevel = level
        return logger
    }

    /// `--persist-to`, or `.wrangler/state`.
    static func persistRoot(_ global: GlobalOptions) -> URL {
        URL(fileURLWithPath: global.persistTo ?? ".wrangler/state", isDirectory: true)
    }

    /// The registry: the built-in ported workers plus those registered by the hosting package.
    static func registry() -> WorkerRegistry {
        var registry = WorkerRegistry(BuiltinWorkers.all)
        registry.register(SwiftflareCommand.registeredWorkers)
        return registry
    }
}

extension CLISupport {
    /// The outbound fetcher for `--fetch MODE` over `--fixtures DIR`, scrubbing every worker's secrets
    /// (and vars named like keys or tokens) from recordings.
    /// - Throws: `ValidationError` for an unknown mode.
    static func makeFetcher(mode: String, fixtures: String, configs: [WorkerConfig], logger: Logger) throws
        -> any Fetcher
    {
        guard let fetchMode = FetchMode(rawValue: mode) else {
            let modes = FetchMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("Unknown --fetch mode \(mode); use one of \(modes)")
        }
        var secrets: [String: String] = [:]
        for config in configs {
            for (name, value) in config.secrets { secrets[name] = value }
            for (name, value) in config.vars where FixtureScrubber.looksSecret(name) { secrets[name] = value }
        }
        return FlareFetchModule.makeFetcher(
            mode: fetchMode, fixturesDirectory: URL(fileURLWithPath: fixtures, isDirectory: true), secrets: secrets,
            logger: logger)
    }
}
