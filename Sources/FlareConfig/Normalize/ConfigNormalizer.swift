import Foundation

/// Validates one section of a raw config (the top level, or one `[env.NAME]` table) into a
/// ``WorkerConfig``, recording every problem as a diagnostic in wrangler's message shapes.
struct ConfigNormalizer {
    /// The file name wrangler uses in messages: `wrangler.toml`, `wrangler.json`, `wrangler.jsonc`.
    let configFileName: String
    /// The absolute path of the config file.
    let configPath: String
    /// The config file's directory (absolute): `main` and `migrations_dir` resolve against it.
    let configDirectory: String
    /// The `[env.NAME]` being validated (`nil`: the top level); tags every diagnostic.
    var environment: String?
    /// Everything found so far.
    var diagnostics: Diagnostics

    /// Creates a normaliser for the file at `configPath`, reporting into `diagnostics`.
    init(configPath: String, diagnostics: Diagnostics, environment: String? = nil) {
        self.configPath = configPath
        self.configDirectory = (configPath as NSString).deletingLastPathComponent
        self.diagnostics = diagnostics
        self.environment = environment
        switch (configPath as NSString).pathExtension.lowercased() {
        case "toml": configFileName = "wrangler.toml"
        case "json": configFileName = "wrangler.json"
        case "jsonc": configFileName = "wrangler.jsonc"
        default: configFileName = "Wrangler configuration"
        }
    }

    /// Records an error at `keyPath`.
    mutating func error(_ keyPath: String, _ message: String) {
        diagnostics.error(keyPath, message, environment: environment)
    }

    /// Records a warning at `keyPath`.
    mutating func warning(_ keyPath: String, _ message: String) {
        diagnostics.warning(keyPath, message, environment: environment)
    }

    /// Validates every key of `table` (a top level or an env section). Keys that are absent keep
    /// the ``WorkerConfig`` defaults; the caller merges sections by key presence.
    mutating func normalizeSection(_ table: ConfigTable, allowedKeys: Set<String>, sectionPath: String) -> WorkerConfig
    {
        let unknown = table.keys.filter { !allowedKeys.contains($0) }
        if !unknown.isEmpty { unexpectedFields(unknown, in: sectionPath, keyPath: environmentPrefix) }

        var config = WorkerConfig(name: "", configPath: configPath, environment: environment)
        normalizeIdentity(table, into: &config)
        normalizeRoutes(table, into: &config)
        if let value = table["vars"] { config.vars = normalizeVars(value) }
        if let value = table["d1_databases"] { config.d1Databases = normalizeD1Databases(value) }
        if let value = table["r2_buckets"] { config.r2Buckets = normalizeR2Buckets(value) }
        if let value = table["queues"] { normalizeQueues(value, into: &config) }
        if let value = table["triggers"] { config.crons = normalizeTriggers(value) }
        if let value = table["observability"] { config.observability = normalizeObservability(value) }
        if let value = table["limits"] { config.limits = normalizeLimits(value) }
        if let value = table["dev"], allowedKeys.contains("dev") { config.dev = normalizeDev(value) }
        config.unsupportedBindings = normalizeUnsupportedBindings(table)
        checkDuplicateBindings(table, config: config)
        return config
    }

    /// `env.NAME.` inside an environment, else empty: the prefix of key paths.
    var environmentPrefix: String { environment.map { "env.\($0)" } ?? "" }

    /// `prefix.key` (or `key` at the top level).
    func path(_ key: String) -> String {
        environmentPrefix.isEmpty ? key : "\(environmentPrefix).\(key)"
    }

    /// Resolves `relative` against the config's directory (absolute paths stay as they are).
    func resolve(_ relative: String) -> String {
        let joined = relative.hasPrefix("/") ? relative : (configDirectory as NSString).appendingPathComponent(relative)
        return (joined as NSString).standardizingPath
    }
}
