/// What `export`/`dump` include (`wrangler d1 export --no-schema|--no-data|--table`).
public struct D1ExportOptions: Sendable, Hashable {
    /// Leave out `CREATE` statements.
    public var noSchema: Bool
    /// Leave out `INSERT` statements.
    public var noData: Bool
    /// Only these tables (empty: all).
    public var tables: [String]

    /// Creates options.
    public init(noSchema: Bool = false, noData: Bool = false, tables: [String] = []) {
        self.noSchema = noSchema
        self.noData = noData
        self.tables = tables
    }
}
