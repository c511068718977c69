/// Namespace of the `FlareD1` module (see ARCHITECTURE.md).
public enum FlareD1Module {
    /// The module's name.
    public static let name = "FlareD1"
}
