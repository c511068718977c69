/// `[vars]`: strings stay strings, other JSON values keep their JSON text, TOML dates are errors.
extension ConfigNormalizer {
    /// Validates `[vars]`.
    mutating func normalizeVars(_ value: ConfigValue) -> [String: String] {
        guard let table = table(value, field: "vars") else { return [:] }
        var vars: [String: String] = [:]
        for key in table.keys {
            guard let entry = table[key] else { continue }
            switch entry {
            case .string(let text):
                vars[key] = text
            case .date:
                error(
                    path("vars.\(key)"),
                    "The field \"vars.\(key)\" is a TOML date, which is not supported. Please use a string instead, "
                        + "e.g. \(key) = \"2025-12-19\".")
            default:
                vars[key] = entry.jsonText
            }
        }
        return vars
    }
}
