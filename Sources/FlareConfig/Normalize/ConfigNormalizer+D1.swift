/// `[[d1_databases]]`.
extension ConfigNormalizer {
    static let d1Fields = [
        "binding", "database_name", "database_id", "preview_database_id", "migrations_dir", "migrations_table",
        "migrations_pattern", "database_internal_env", "remote",
    ]

    /// Validates the `d1_databases` array.
    mutating func normalizeD1Databases(_ value: ConfigValue) -> [D1DatabaseConfig] {
        guard let items = array(value, field: "d1_databases") else { return [] }
        return items.enumerated().compactMap { normalizeD1Database($0.element, index: $0.offset) }
    }

    private mutating func normalizeD1Database(_ value: ConfigValue, index: Int) -> D1DatabaseConfig? {
        let field = "d1_databases[\(index)]"
        guard let entry = value.tableValue else {
            error(path(field), "\"\(field)\" bindings should be objects, but got \(value.jsonText).")
            return nil
        }
        checkFields(entry, allowed: Self.d1Fields, field: field)
        guard let binding = entry["binding"]?.stringValue else {
            error(
                path(field + ".binding"),
                "\"\(field)\" bindings should have a string \"binding\" field but got \(value.jsonText).")
            return nil
        }
        var optional: [String: String] = [:]
        for key in [
            "database_name", "preview_database_id", "migrations_dir", "migrations_table", "migrations_pattern",
            "database_internal_env",
        ] {
            guard let item = entry[key] else { continue }
            if let text = item.stringValue {
                optional[key] = text
            } else {
                error(
                    path("\(field).\(key)"),
                    "\"\(field)\" bindings should, optionally, have a string \"\(key)\" field but got \(value.jsonText)."
                )
            }
        }
        var databaseID: String?
        if let item = entry["database_id"] {
            if let text = item.stringValue {
                databaseID = text
            } else {
                error(
                    path(field + ".database_id"),
                    "\"\(field)\" bindings must have a \"database_id\" field but got \(value.jsonText).")
            }
        }
        _ = optionalBool(entry["remote"], field: field + ".remote")
        return D1DatabaseConfig(
            binding: binding, databaseName: optional["database_name"], databaseID: databaseID,
            previewDatabaseID: optional["preview_database_id"],
            migrationsDir: resolve(optional["migrations_dir"] ?? D1DatabaseConfig.defaultMigrationsDir),
            migrationsTable: optional["migrations_table"] ?? D1DatabaseConfig.defaultMigrationsTable)
    }
}
