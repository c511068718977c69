/// `[observability]`, including the `[[observability.logs]]` array-of-tables mistake.
extension ConfigNormalizer {
    static let observabilityFields = ["enabled", "head_sampling_rate", "logs", "traces"]
    static let logsFields = ["enabled", "head_sampling_rate", "invocation_logs", "persist", "destinations"]
    static let tracesFields = ["enabled", "head_sampling_rate", "persist", "destinations"]

    /// Validates `[observability]`.
    mutating func normalizeObservability(_ value: ConfigValue) -> ObservabilityConfig {
        guard let table = observabilityTable(value, field: "observability") else { return ObservabilityConfig() }
        checkFields(table, allowed: Self.observabilityFields, field: "observability")
        var config = ObservabilityConfig(
            enabled: optionalBool(table["enabled"], field: "observability.enabled"),
            headSamplingRate: optionalNumber(table["head_sampling_rate"], field: "observability.head_sampling_rate"))
        if let logsValue = table["logs"], let logs = observabilityTable(logsValue, field: "observability.logs") {
            // wrangler names the parent field for unknown keys of `logs` and `traces`.
            checkFields(logs, allowed: Self.logsFields, field: "observability")
            config.logsEnabled = optionalBool(logs["enabled"], field: "observability.logs.enabled")
            config.invocationLogs = optionalBool(logs["invocation_logs"], field: "observability.logs.invocation_logs")
            _ = optionalNumber(logs["head_sampling_rate"], field: "observability.logs.head_sampling_rate")
            _ = optionalBool(logs["persist"], field: "observability.logs.persist")
            _ = optionalStringArray(logs["destinations"], field: "observability.logs.destinations")
        }
        if let tracesValue = table["traces"],
            let traces = observabilityTable(tracesValue, field: "observability.traces")
        {
            checkFields(traces, allowed: Self.tracesFields, field: "observability")
            _ = optionalBool(traces["enabled"], field: "observability.traces.enabled")
            _ = optionalNumber(traces["head_sampling_rate"], field: "observability.traces.head_sampling_rate")
            _ = optionalBool(traces["persist"], field: "observability.traces.persist")
            _ = optionalStringArray(traces["destinations"], field: "observability.traces.destinations")
        }
        return config
    }

    /// A table; an array (TOML `[[field]]`) gets wrangler's own warning (`Unexpected fields found in
    /// observability field: "0"`, the index seen as a key) plus the fix, and is ignored.
    private mutating func observabilityTable(_ value: ConfigValue, field: String) -> ConfigTable? {
        if let table = value.tableValue { return table }
        if let items = value.arrayValue {
            let indices = items.indices.map { ConfigValue.quoted(String($0)) }.joined(separator: ",")
            warning(
                path(field),
                "Unexpected fields found in \(field == "observability" ? "top-level" : "observability") field: "
                    + "\(indices)\n\"\(field)\" is an array of tables ([[\(field)]]) but must be a single table: "
                    + "write [\(field)] instead. Its settings (\(items.map(\.jsonText).joined(separator: ","))) are "
                    + "ignored.")
            return nil
        }
        error(path(field), "The field \"\(field)\" should be an object but got \(value.jsonText).")
        return nil
    }
}
