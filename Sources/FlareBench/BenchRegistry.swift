/// The benchmark suites `swiftflare bench` knows, in the order they run.
public enum BenchRegistry {
    /// Every suite, in the order of BENCHMARKS.md: d1 (with import), queues, r2, http, pipeline, cron,
    /// startup, then the extra suites (fetch, vitals-cache).
    public static var allSuites: [any BenchSuite] {
        [
            D1Suite(),
            QueuesSuite(),
            R2Suite(),
            HTTPSuite(),
            PipelineSuite(),
            CronSuite(),
            StartupSuite(),
            FetchSuite(),
            VitalsCacheSuite(),
        ]
    }
}
