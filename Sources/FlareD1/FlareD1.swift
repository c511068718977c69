import GRDBSQLite

/// Namespace of the `FlareD1` module (see ARCHITECTURE.md).
public enum FlareD1Module {
    /// The module's name.
    public static let name = "FlareD1"
    /// The SQLite library version.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
