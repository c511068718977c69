/// Namespace of the `FlareTesting` module (see ARCHITECTURE.md).
public enum FlareTestingModule {
    /// The module's name.
    public static let name = "FlareTesting"
}
