/// Namespace of the `FlareWorkers` module (see ARCHITECTURE.md).
public enum FlareWorkersModule {
    /// The module's name.
    public static let name = "FlareWorkers"
}
