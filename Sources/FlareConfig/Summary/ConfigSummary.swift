import Foundation

/// The text `swiftflare config check` prints for one loaded config: the worker, its vars and
/// secrets (names only), every binding with its normalised settings, then the diagnostics.
///
/// ```swift
/// let loaded = try WranglerConfigLoader.load(path: "wrangler-configs/building-vitals/wrangler.toml")
/// print(ConfigSummary(loaded, relativeTo: FileManager.default.currentDirectoryPath).render())
/// ```
public struct ConfigSummary: Sendable {
    /// What is summarised.
    public var loaded: LoadedWorkerConfig
    /// Absolute paths under this directory are shown relative to it (`nil`: as they are).
    public var baseDirectory: String?

    /// Creates a summary of `loaded`; paths under `baseDirectory` print relative to it.
    public init(_ loaded: LoadedWorkerConfig, relativeTo baseDirectory: String? = nil) {
        self.loaded = loaded
        self.baseDirectory = baseDirectory
    }

    /// The summary text. Secret values are never included: they print as `(hidden)`.
    public func render() -> String {
        let config = loaded.config
        var lines: [String] = []
        let envNote = config.environment.map { " [env \($0)]" } ?? ""
        lines.append("\(config.name.isEmpty ? "(unnamed)" : config.name)\(envNote)  (\(display(config.configPath)))")
        lines.append("  main: \(config.main.map(display) ?? "(none)")")
        var compatibility = config.compatibilityDate ?? "(none)"
        if !config.compatibilityFlags.isEmpty {
            compatibility += " flags \(config.compatibilityFlags.joined(separator: ", "))"
        }
        lines.append("  compatibility date: \(compatibility)")
        if !config.routes.isEmpty { lines.append("  routes: \(config.routes.joined(separator: ", "))") }
        lines.append("  vars:\(config.vars.isEmpty ? " (none)" : "")")
        for key in config.vars.keys.sorted() { lines.append("    \(key) = \(config.vars[key] ?? "")") }
        lines.append("  secrets:\(config.secrets.isEmpty ? " (none)" : "")")
        for key in config.secrets.keys.sorted() { lines.append("    \(key) = (hidden)") }
        lines.append("  bindings:\(bindingLines.isEmpty ? " (none)" : "")")
        lines += bindingLines.map { "    " + $0 }
        lines += settingLines.map { "  " + $0 }
        lines.append(loaded.diagnostics.entries.isEmpty ? "  no diagnostics" : loaded.diagnostics.render())
        return lines.joined(separator: "\n")
    }

    /// One line per binding, consumer and cron.
    var bindingLines: [String] {
        let config = loaded.config
        var lines: [String] = []
        for db in config.d1Databases {
            var line = "D1 \(db.binding): database \(db.databaseName ?? "(no name)"), id \(db.databaseID ?? "(none)")"
            if let preview = db.previewDatabaseID { line += ", preview id \(preview)" }
            line += ", migrations \(display(db.migrationsDir)) (table \(db.migrationsTable))"
            lines.append(line)
        }
        for bucket in config.r2Buckets {
            var line = "R2 \(bucket.binding): bucket \(bucket.storageName)"
            if let preview = bucket.previewBucketName { line += ", preview bucket \(preview)" }
            if let jurisdiction = bucket.jurisdiction { line += ", jurisdiction \(jurisdiction)" }
            lines.append(line)
        }
        for producer in config.queueProducers {
            var line = "queue producer \(producer.binding): queue \(producer.queue)"
            if let delay = producer.deliveryDelay { line += ", delivery delay \(delay)s" }
            lines.append(line)
        }
        for consumer in config.queueConsumers {
            let concurrency = consumer.maxConcurrency.map(String.init) ?? "1 (unset)"
            lines.append(
                "queue consumer \(consumer.queue): batch \(consumer.maxBatchSize), timeout "
                    + "\(ConfigValue.numberText(consumer.maxBatchTimeout)), retries \(consumer.maxRetries), DLQ "
                    + "\(consumer.deadLetterQueue ?? "none"), concurrency \(concurrency), retry delay "
                    + "\(consumer.retryDelay)")
        }
        for cron in config.crons { lines.append("cron \(cron)") }
        for kind in config.unsupportedBindings { lines.append("\(kind): not supported (ignored)") }
        return lines
    }

    private var settingLines: [String] {
        let config = loaded.config
        var lines: [String] = []
        var limits: [String] = []
        if let cpu = config.limits.cpuMs { limits.append("cpu_ms \(cpu)") }
        if let subrequests = config.limits.subrequests { limits.append("subrequests \(subrequests)") }
        if !limits.isEmpty { lines.append("limits: " + limits.joined(separator: ", ")) }
        let observability = config.observability
        if observability != ObservabilityConfig() {
            var parts: [String] = []
            if let enabled = observability.enabled { parts.append("enabled \(enabled)") }
            if let rate = observability.headSamplingRate {
                parts.append("head sampling rate \(ConfigValue.numberText(rate))")
            }
            if let logs = observability.logsEnabled { parts.append("logs \(logs)") }
            if let invocation = observability.invocationLogs { parts.append("invocation logs \(invocation)") }
            lines.append("observability: " + parts.joined(separator: ", "))
        }
        if config.dev != DevConfig() {
            var parts: [String] = []
            if let ip = config.dev.ip { parts.append("ip \(ip)") }
            if let port = config.dev.port { parts.append("port \(port)") }
            if let scheme = config.dev.localProtocol { parts.append("local protocol \(scheme)") }
            lines.append("dev: " + parts.joined(separator: ", "))
        }
        return lines
    }

    private func display(_ path: String) -> String {
        guard let base = baseDirectory else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
