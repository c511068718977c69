extension D1DatabaseConfig {
    /// Resolves what a person typed after `swiftflare d1 <command>` to a storage id, as wrangler
    /// addresses databases: a `database_id` (or preview id) first, then a `database_name`, then a
    /// binding name. Anything else is taken as a storage id itself, so `d1 create NEW` makes a new one.
    public static func storageID(for database: String, among databases: [D1DatabaseConfig]) -> String {
        if let match = databases.first(where: { $0.databaseID == database || $0.previewDatabaseID == database }) {
            return match.storageID
        }
        if let match = databases.first(where: { $0.databaseName == database }) { return match.storageID }
        if let match = databases.first(where: { $0.binding == database }) { return match.storageID }
        return database
    }
}
