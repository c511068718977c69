/// `[triggers]`, `[limits]` and `[dev]`.
extension ConfigNormalizer {
    static let devFields = [
        "ip", "port", "inspector_port", "inspector_ip", "local_protocol", "upstream_protocol", "host",
        "enable_containers", "container_engine", "generate_types",
    ]

    /// Validates `[triggers]` and returns its `crons`.
    mutating func normalizeTriggers(_ value: ConfigValue) -> [String] {
        guard let triggers = table(value, field: "triggers") else { return [] }
        checkFields(triggers, allowed: ["crons", "events"], field: "triggers")
        return optionalStringArray(triggers["crons"], field: "triggers.crons") ?? []
    }

    /// Validates `[limits]`.
    mutating func normalizeLimits(_ value: ConfigValue) -> LimitsConfig {
        guard let limits = table(value, field: "limits") else { return LimitsConfig() }
        checkFields(limits, allowed: ["cpu_ms", "subrequests"], field: "limits")
        return LimitsConfig(
            cpuMs: optionalInteger(limits["cpu_ms"], field: "limits.cpu_ms"),
            subrequests: optionalInteger(limits["subrequests"], field: "limits.subrequests"))
    }

    /// Validates `[dev]` (top level only).
    mutating func normalizeDev(_ value: ConfigValue) -> DevConfig {
        guard let dev = table(value, field: "dev") else { return DevConfig() }
        checkFields(dev, allowed: Self.devFields, field: "dev")
        var config = DevConfig(
            ip: optionalString(dev["ip"], field: "dev.ip"), port: optionalInteger(dev["port"], field: "dev.port"))
        _ = optionalInteger(dev["inspector_port"], field: "dev.inspector_port")
        _ = optionalString(dev["inspector_ip"], field: "dev.inspector_ip")
        _ = optionalString(dev["host"], field: "dev.host")
        _ = optionalBool(dev["enable_containers"], field: "dev.enable_containers")
        _ = optionalString(dev["container_engine"], field: "dev.container_engine")
        _ = optionalBool(dev["generate_types"], field: "dev.generate_types")
        config.localProtocol = oneOf(dev["local_protocol"], field: "dev.local_protocol", choices: ["http", "https"])
        _ = oneOf(dev["upstream_protocol"], field: "dev.upstream_protocol", choices: ["http", "https"])
        return config
    }

    /// `Expected "<field>" field to be one of ["a","b"] but got "<v>".`
    mutating func oneOf(_ value: ConfigValue?, field: String, choices: [String]) -> String? {
        guard let value else { return nil }
        if let text = value.stringValue, choices.contains(text) { return text }
        let list = choices.map { ConfigValue.quoted($0) }.joined(separator: ",")
        error(path(field), "Expected \"\(field)\" field to be one of [\(list)] but got \(value.jsonText).")
        return nil
    }
}
