/// One config file after loading: the normalised worker and everything found on the way.
public struct LoadedWorkerConfig: Sendable {
    /// The normalised config for the selected environment.
    public var config: WorkerConfig
    /// Errors and warnings; when ``Diagnostics/hasErrors`` the config must not be run.
    public var diagnostics: Diagnostics

    /// Creates a loaded config.
    public init(config: WorkerConfig, diagnostics: Diagnostics) {
        self.config = config
        self.diagnostics = diagnostics
    }
}
