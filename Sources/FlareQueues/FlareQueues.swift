/// Namespace of the `FlareQueues` module (see ARCHITECTURE.md).
public enum FlareQueuesModule {
    /// The module's name.
    public static let name = "FlareQueues"
}
