/// Namespace of the `FlareR2` module (see ARCHITECTURE.md).
public enum FlareR2Module {
    /// The module's name.
    public static let name = "FlareR2"
}
