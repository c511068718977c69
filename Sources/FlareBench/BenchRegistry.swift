/// The benchmark suites `swiftflare bench` knows, in the order they run.
public enum BenchRegistry {
    /// Every suite. Each binding adds its own suite here.
    public static var allSuites: [any BenchSuite] {
        [
            CronSuite()
        ]
    }
}
