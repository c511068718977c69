/// Namespace of the `FlareCron` module (see ARCHITECTURE.md).
public enum FlareCronModule {
    /// The module's name.
    public static let name = "FlareCron"
}
