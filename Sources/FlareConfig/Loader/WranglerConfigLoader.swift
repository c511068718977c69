import Foundation

/// Loads `wrangler.toml`, `wrangler.json` and `wrangler.jsonc` files into ``WorkerConfig``s.
///
/// ```swift
/// let loaded = try WranglerConfigLoader.load(path: "wrangler-configs/coinswarm/wrangler-historical-queue-consumer.toml")
/// if loaded.diagnostics.hasErrors { print(loaded.diagnostics.render()) }
/// let consumer = loaded.config.queueConsumers[0]  // max_batch_size 100, DLQ historical-data-dlq
/// ```
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/wrangler/configuration/>
public enum WranglerConfigLoader {
    /// Loads the config at `path` and normalises it for `environment` (`--env`).
    ///
    /// Problems inside the file (unknown keys, wrong types, out-of-range values, missing `name`,
    /// unsupported bindings, ...) do not throw: they are in the returned ``Diagnostics``. Secrets
    /// come from `.dev.vars` / `.dev.vars.<env>` / `.env` beside the config (see ``DevVarsLoader``).
    /// - Parameters:
    ///   - path: the config file; relative paths resolve against the current directory.
    ///   - environment: the `[env.NAME]` to select, or `nil` for the top level.
    /// - Throws: ``ConfigError`` when the file cannot be read or is not valid TOML / JSON(C).
    public static func load(path: String, environment: String? = nil) throws -> LoadedWorkerConfig {
        let absolute = absolutePath(path)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigError(file: path, message: "Could not read the configuration file.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "The configuration file is not valid UTF-8.")
        }
        return try load(contents: text, path: path, environment: environment)
    }

    /// Loads config text as if it were the file at `path` (its extension picks the format, and
    /// `main`, `migrations_dir` and `.dev.vars` resolve against its directory); the file itself is
    /// not read. Useful for tests and generated configs.
    /// - Throws: ``ConfigError`` when `contents` is not valid TOML / JSON(C).
    public static func load(contents text: String, path: String, environment: String? = nil) throws
        -> LoadedWorkerConfig
    {
        let absolute = absolutePath(path)
        let raw: ConfigTable
        switch (absolute as NSString).pathExtension.lowercased() {
        case "toml": raw = try TOMLReader.parse(text, file: path)
        case "json", "jsonc": raw = try JSONCReader.parse(text, file: path)
        default: raw = ConfigTable()  // wrangler treats other extensions as `{}`.
        }
        return normalize(raw, configPath: absolute, displayPath: path, environment: environment)
    }

    /// Every `wrangler*.toml`, `wrangler*.json` and `wrangler*.jsonc` under `directory` (recursively,
    /// skipping hidden folders and `node_modules`), sorted; paths start with `directory`.
    public static func discoverConfigs(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "node_modules" {
                enumerator.skipDescendants()
                continue
            }
            let fileExtension = (name as NSString).pathExtension.lowercased()
            if name.hasPrefix("wrangler"), ["toml", "json", "jsonc"].contains(fileExtension) {
                found.append((directory as NSString).appendingPathComponent(relative))
            }
        }
        return found.sorted()
    }

    static func normalize(_ raw: ConfigTable, configPath: String, displayPath: String, environment: String?)
        -> LoadedWorkerConfig
    {
        var normalizer = ConfigNormalizer(configPath: configPath, diagnostics: Diagnostics(file: displayPath))
        var config = EnvironmentResolver.resolve(raw, environment: environment, normalizer: &normalizer)
        let hasName =
            raw.has("name")
            || environment.flatMap { raw["env"]?.tableValue?[$0]?.tableValue?.has("name") } == true
        if !hasName { normalizer.diagnostics.error("name", "\"name\" is a required field.") }
        do {
            config.secrets = try DevVarsLoader.load(directory: normalizer.configDirectory, environment: environment)
        } catch {
            normalizer.diagnostics.warning(".dev.vars", "Could not read the local secrets file: \(error)")
        }
        return LoadedWorkerConfig(config: config, diagnostics: normalizer.diagnostics)
    }

    private static func absolutePath(_ path: String) -> String {
        let joined =
            path.hasPrefix("/")
            ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
