/// `name`, `main`, `compatibility_date`, `compatibility_flags`, `account_id`, `workers_dev`,
/// `preview_urls`.
extension ConfigNormalizer {
    /// Validates the worker's identity keys of `table` into `config`.
    mutating func normalizeIdentity(_ table: ConfigTable, into config: inout WorkerConfig) {
        if let value = table["name"] {
            if let name = value.stringValue, Self.isValidWorkerName(name) {
                config.name = name
            } else {
                error(
                    path("name"),
                    "Expected \"name\" to be of type string, alphanumeric and lowercase with dashes only but got "
                        + "\(value.jsonText).")
            }
        }
        if let main = optionalString(table["main"], field: "main") { config.main = resolve(main) }
        if let value = table["compatibility_date"] { config.compatibilityDate = compatibilityDate(value) }
        if let flags = optionalStringArray(table["compatibility_flags"], field: "compatibility_flags") {
            config.compatibilityFlags = flags
        }
        config.accountID = optionalString(table["account_id"], field: "account_id")
        config.workersDev = optionalBool(table["workers_dev"], field: "workers_dev")
        _ = optionalBool(table["preview_urls"], field: "preview_urls")
    }

    /// wrangler's name rule: `^$|^[a-z0-9_][a-z0-9-_]*$`.
    static func isValidWorkerName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return true }
        let allowedFirst = Set("abcdefghijklmnopqrstuvwxyz0123456789_".unicodeScalars)
        let allowedRest = allowedFirst.union(["-"])
        return allowedFirst.contains(first) && name.unicodeScalars.dropFirst().allSatisfy { allowedRest.contains($0) }
    }

    private mutating func compatibilityDate(_ value: ConfigValue) -> String? {
        if let date = value.stringValue, date.contains("\u{2013}") || date.contains("\u{2014}") {
            error(
                path("compatibility_date"),
                "\"compatibility_date\" field should use ISO-8601 accepted hyphens (-) rather than en-dashes (\u{2013})"
                    + " or em-dashes (\u{2014}).")
            return nil
        }
        guard let date = value.stringValue, Self.isValidISODate(date) else {
            error(
                path("compatibility_date"),
                "\"compatibility_date\" field should be a valid ISO-8601 date (YYYY-MM-DD), but got \(value.jsonText).")
            return nil
        }
        return date
    }

    /// `YYYY-MM-DD` naming a real calendar day.
    static func isValidISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        guard (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// `routes` (array) or `route` (one): strings or `{pattern, zone_id | zone_name, custom_domain, ...}`.
    mutating func normalizeRoutes(_ table: ConfigTable, into config: inout WorkerConfig) {
        if table.has("routes"), table.has("route") {
            error(path("routes"), "Expected exactly one of the following fields [\"routes\",\"route\"].")
            return
        }
        if let value = table["route"] {
            if let pattern = routePattern(value, field: "route") { config.routes = [pattern] }
        } else if let value = table["routes"] {
            guard let items = array(value, field: "routes") else { return }
            config.routes = items.enumerated().compactMap { routePattern($0.element, field: "routes[\($0.offset)]") }
        }
    }

    private mutating func routePattern(_ value: ConfigValue, field: String) -> String? {
        if let pattern = value.stringValue { return pattern }
        if let route = value.tableValue, let pattern = route["pattern"]?.stringValue {
            checkFields(
                route, allowed: ["pattern", "zone_id", "zone_name", "custom_domain", "enabled", "previews_enabled"],
                field: field)
            return pattern
        }
        error(
            path(field),
            "Expected \"\(field)\" to be either a route string or an object with a string \"pattern\" field but got "
                + "\(value.jsonText).")
        return nil
    }
}
