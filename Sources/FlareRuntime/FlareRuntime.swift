/// Namespace of the `FlareRuntime` module (see ARCHITECTURE.md).
public enum FlareRuntimeModule {
    /// The module's name.
    public static let name = "FlareRuntime"
}
