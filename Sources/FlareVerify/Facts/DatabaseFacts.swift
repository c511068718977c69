/// What Test 3 needs about the consumer's D1 database.
public struct DatabaseFacts: Sendable, Codable, Equatable {
    /// The consumer config's binding, if it has one.
    public var binding: String?
    /// `database_name`.
    public var name: String?
    /// The id local storage is keyed by.
    public var id: String?
    /// Whether its SQLite file exists under the persist root.
    public var exists: Bool
    /// Whether `price_data` exists (`nil`: not looked at).
    public var hasTable: Bool?
    /// `SELECT COUNT(*) FROM price_data` (`nil`: not counted).
    public var rowCount: Int?
    /// A D1 error met while looking.
    public var error: String?

    /// Creates facts.
    public init(
        binding: String? = nil, name: String? = nil, id: String? = nil, exists: Bool = false, hasTable: Bool? = nil,
        rowCount: Int? = nil, error: String? = nil
    ) {
        self.binding = binding
        self.name = name
        self.id = id
        self.exists = exists
        self.hasTable = hasTable
        self.rowCount = rowCount
        self.error = error
    }
}
