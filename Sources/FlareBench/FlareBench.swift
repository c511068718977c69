/// Namespace of the `FlareBench` module (see ARCHITECTURE.md).
public enum FlareBenchModule {
    /// The module's name.
    public static let name = "FlareBench"
}
