/// Applies `--env NAME`: validates the top level, then `[env.NAME]`, and merges them as wrangler
/// does (inheritable keys fall back to the top level, non-inheritable ones do not, with a warning).
enum EnvironmentResolver {
    /// The normalised config of `raw` for `environment` (`nil`: the top level).
    static func resolve(_ raw: ConfigTable, environment: String?, normalizer: inout ConfigNormalizer) -> WorkerConfig {
        var top = normalizer.normalizeSection(raw, allowedKeys: ConfigKeys.topLevel, sectionPath: "top-level")
        let environments = environmentTables(raw, normalizer: &normalizer)
        guard let environment else { return top }
        top.environment = environment
        guard let envTable = environments.first(where: { $0.name == environment })?.table else {
            reportMissing(environment, available: environments.map(\.name), normalizer: &normalizer)
            return top
        }
        normalizer.environment = environment
        defer { normalizer.environment = nil }
        let env = normalizer.normalizeSection(
            envTable, allowedKeys: ConfigKeys.environment, sectionPath: "env.\(environment)")
        warnAboutNonInherited(raw, envTable, environment: environment, top: top, env: env, normalizer: &normalizer)
        return merge(top: top, env: env, envTable: envTable, environment: environment)
    }

    private static func merge(top: WorkerConfig, env: WorkerConfig, envTable: ConfigTable, environment: String)
        -> WorkerConfig
    {
        var result = top
        if envTable.has("name") {
            result.name = env.name
        } else if !top.name.isEmpty {
            result.name = "\(top.name)-\(environment)"
        }
        if envTable.has("main") { result.main = env.main }
        if envTable.has("compatibility_date") { result.compatibilityDate = env.compatibilityDate }
        if envTable.has("compatibility_flags") { result.compatibilityFlags = env.compatibilityFlags }
        if envTable.has("account_id") { result.accountID = env.accountID }
        if envTable.has("workers_dev") { result.workersDev = env.workersDev }
        if envTable.has("routes") || envTable.has("route") { result.routes = env.routes }
        if envTable.has("triggers") { result.crons = env.crons }
        if envTable.has("observability") { result.observability = env.observability }
        if envTable.has("limits") { result.limits = env.limits }
        // Not inherited: only what the environment itself declares.
        result.vars = env.vars
        result.d1Databases = env.d1Databases
        result.r2Buckets = env.r2Buckets
        result.queueProducers = env.queueProducers
        result.queueConsumers = env.queueConsumers
        result.unsupportedBindings = env.unsupportedBindings
        return result
    }

    private static func warnAboutNonInherited(
        _ raw: ConfigTable, _ envTable: ConfigTable, environment: String, top: WorkerConfig, env: WorkerConfig,
        normalizer: inout ConfigNormalizer
    ) {
        for field in raw.keys where ConfigKeys.nonInheritable.contains(field) && !envTable.has(field) {
            normalizer.warning(
                "env.\(environment).\(field)",
                "\"\(field)\" exists at the top level, but not on \"env.\(environment)\".\nThis is not what you "
                    + "probably want, since \"\(field)\" is not inherited by environments.\nPlease add \"\(field)\" "
                    + "to \"env.\(environment)\".")
        }
        if envTable.has("d1_databases") {
            warnMissingBindings(
                "d1_databases", top: top.d1Databases.map(\.binding), env: env.d1Databases.map(\.binding),
                environment: environment, normalizer: &normalizer)
        }
        if envTable.has("r2_buckets") {
            warnMissingBindings(
                "r2_buckets", top: top.r2Buckets.map(\.binding), env: env.r2Buckets.map(\.binding),
                environment: environment, normalizer: &normalizer)
        }
        let missingVars = top.vars.keys.sorted().filter { env.vars[$0] == nil }
        if envTable.has("vars"), !missingVars.isEmpty {
            normalizer.warning(
                "env.\(environment).vars",
                "The following vars exist at the top level, but not on \"env.\(environment).vars\".\nThis is probably "
                    + "not what you want, since \"vars\" configuration is not inherited by environments.\nPlease add "
                    + "these vars to \"env.\(environment).vars\":\n"
                    + missingVars.map { "- \($0)" }.joined(separator: "\n"))
        }
    }

    private static func warnMissingBindings(
        _ field: String, top: [String], env: [String], environment: String, normalizer: inout ConfigNormalizer
    ) {
        for binding in top where !env.contains(binding) {
            normalizer.warning(
                "env.\(environment).\(field)",
                "There is a \(field) binding with name \"\(binding)\" at the top level, but not on "
                    + "\"env.\(environment)\".\nThis is not what you probably want, since \"\(field)\" configuration "
                    + "is not inherited by environments.\nPlease add a binding for \"\(binding)\" to "
                    + "\"env.\(environment).\(field).bindings\".")
        }
    }

    private static func reportMissing(_ environment: String, available: [String], normalizer: inout ConfigNormalizer) {
        let names = available.map { ConfigValue.quoted($0) }.joined(separator: ",")
        let availableLine = available.isEmpty ? "" : "The available configured environment names are: [\(names)]\n"
        let message =
            "No environment found in configuration with name \"\(environment)\".\nBefore using `--env=\(environment)` "
            + "there should be an equivalent environment section in the configuration.\n\(availableLine)\nConsider "
            + "adding an environment configuration section to the \(normalizer.configFileName) file:\n```\n"
            + "[env.\(environment)]\n```\n"
        if available.isEmpty {
            normalizer.warning("env", message)
        } else {
            normalizer.error("env", message)
        }
    }

    /// The `[env.NAME]` tables, in order; anything that is not a table is an error.
    private static func environmentTables(_ raw: ConfigTable, normalizer: inout ConfigNormalizer)
        -> [(name: String, table: ConfigTable)]
    {
        guard let value = raw["env"] else { return [] }
        guard let envs = normalizer.table(value, field: "env") else { return [] }
        var result: [(name: String, table: ConfigTable)] = []
        for name in envs.keys {
            guard let entry = envs["\(name)"] else { continue }
            if let table = normalizer.table(entry, field: "env.\(name)") { result.append((name, table)) }
        }
        return result
    }
}
