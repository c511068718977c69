import FlareConfig
import FlareCron
import FlareWorkerAPI
import Foundation
import Logging

/// Hot reload for `swiftflare dev`: watches each config file and the secrets files beside it
/// (`.dev.vars`, `.dev.vars.<env>`, `.env`), and when one changes, validates the config again and
/// reloads its worker (``Emulator/reload(_:)``). A broken edit keeps the previous config running
/// and reports its diagnostics.
public actor ConfigWatcher {
    /// What one poll did for one edited config.
    public struct Report: Sendable, Equatable {
        /// The config file.
        public var path: String
        /// Whether the worker now runs the edited config.
        public var reloaded: Bool
        /// The diagnostics (warnings for a reload, errors for a rejected edit), or the reload error.
        public var message: String
    }

    private let paths: [String]
    private let environment: String?
    private let emulator: Emulator
    private let logger: Logger
    private var contents: [String: [String: Data?]] = [:]

    /// Watches `paths` (as loaded into `emulator`), reading their current contents as the baseline.
    public init(paths: [String], environment: String?, emulator: Emulator, logger: Logger) {
        self.paths = paths
        self.environment = environment
        self.emulator = emulator
        self.logger = logger
        for path in paths { contents[path] = Self.snapshot(path, environment: environment) }
    }

    /// Checks every watched file once and reloads each config whose files changed.
    public func poll() async -> [Report] {
        var reports: [Report] = []
        for path in paths {
            let now = Self.snapshot(path, environment: environment)
            guard now != contents[path] else { continue }
            contents[path] = now
            reports.append(await reload(path))
        }
        return reports
    }

    /// Polls every `seconds` on `clock` until the task is cancelled.
    public func run(every seconds: Double, clock: any FlareClock) async {
        while !Task.isCancelled {
            guard (try? await clock.sleep(seconds: seconds)) != nil else { return }
            _ = await poll()
        }
    }

    private func reload(_ path: String) async -> Report {
        let (config, diagnostics) = Self.load(path: path, environment: environment)
        guard let config else {
            logger.error("\(path) has errors; the previous config keeps running:\n\(diagnostics)")
            return Report(path: path, reloaded: false, message: diagnostics)
        }
        if !diagnostics.isEmpty { logger.warning("\(diagnostics)") }
        do {
            try await emulator.reload(config)
            return Report(path: path, reloaded: true, message: diagnostics)
        } catch {
            logger.error("\(error); the previous config keeps running")
            return Report(path: path, reloaded: false, message: "\(error)")
        }
    }

    /// Loads and validates one config (cron expressions included): the config when it has no
    /// errors, and the rendered diagnostics (empty when there are none).
    public static func load(path: String, environment: String?) -> (config: WorkerConfig?, diagnostics: String) {
        do {
            var loaded = try WranglerConfigLoader.load(path: path, environment: environment)
            for (index, cron) in loaded.config.crons.enumerated() {
                do {
                    _ = try CronExpression(cron)
                } catch {
                    loaded.diagnostics.error("triggers.crons[\(index)]", "\(error)")
                }
            }
            let rendered = loaded.diagnostics.entries.isEmpty ? "" : loaded.diagnostics.render()
            return (loaded.diagnostics.hasErrors ? nil : loaded.config, rendered)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// The config file and its secrets files (`nil` for a missing one).
    private static func snapshot(_ path: String, environment: String?) -> [String: Data?] {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var files = [
            path, directory.appendingPathComponent(".dev.vars").path, directory.appendingPathComponent(".env").path,
        ]
        if let environment { files.append(directory.appendingPathComponent(".dev.vars.\(environment)").path) }
        var result: [String: Data?] = [:]
        for file in files { result[file] = FileManager.default.contents(atPath: file) }
        return result
    }
}
