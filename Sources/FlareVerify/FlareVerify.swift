/// Namespace of the `FlareVerify` module (see ARCHITECTURE.md).
public enum FlareVerifyModule {
    /// The module's name.
    public static let name = "FlareVerify"
}
