/// Namespace of the `FlareFetch` module (see ARCHITECTURE.md).
public enum FlareFetchModule {
    /// The module's name.
    public static let name = "FlareFetch"
}
