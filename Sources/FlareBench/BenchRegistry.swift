/// The benchmark suites `swiftflare bench` knows, in the order they run.
public enum BenchRegistry {
    /// Every suite, in the order of BENCHMARKS.md: d1, queues, r2, http, pipeline, cron, startup,
    /// import (part of d1), then the extra suites (fetch, vitals).
    public static var allSuites: [any BenchSuite] {
        [
            D1Suite(),
            QueuesSuite(),
            R2Suite(),
            HTTPSuite(),
            CronSuite(),
            StartupSuite(),
            FetchSuite(),
            VitalsCacheSuite(),
        ]
    }
}
