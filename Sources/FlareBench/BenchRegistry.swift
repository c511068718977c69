/// The benchmark suites `swiftflare bench` knows, in the order they run.
public enum BenchRegistry {
    /// Every suite. Each binding adds its own suite here, in the order of BENCHMARKS.md:
    /// d1, queues, r2, http, pipeline, cron, startup, import.
    public static var allSuites: [any BenchSuite] {
        [
            CronSuite()
        ]
    }
}
