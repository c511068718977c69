import FlareWorkerAPI

/// What importing an SQL file (`execute --file`) did.
public struct D1ImportResult: Sendable, Hashable {
    /// Statements executed (the transaction wrapper and empty statements excluded).
    public var statements: Int
    /// Rows changed in total.
    public var changes: Int
    /// Milliseconds spent.
    public var duration: Double
    /// Results of the statements that returned rows (at most ``maxKeptResults``).
    public var results: [D1Result]

    /// How many row-returning results are kept.
    public static let maxKeptResults = 100

    /// Creates an import result.
    public init(statements: Int, changes: Int, duration: Double, results: [D1Result]) {
        self.statements = statements
        self.changes = changes
        self.duration = duration
        self.results = results
    }
}
