/// One benchmark figure beside its baseline, as `swiftflare bench --json` writes it.
///
/// `ratio` is `value / baselineValue`, oriented so that higher is better: for a "lower is better"
/// metric (seconds, latency) the suite stores the inverse ratio and says so in `note`.
public struct BenchMeasurement: Sendable, Codable, Equatable {
    /// The suite (`d1`, `queues`, `r2`, `http`, `pipeline`, `cron`, `startup`, `import`, ...).
    public var suite: String
    /// What was measured (e.g. `ingest_rows_per_s`).
    public var metric: String
    /// The unit (`rows/s`, `MB/s`, `ms`, ...).
    public var unit: String
    /// The median over repetitions.
    public var value: Double
    /// What the baseline is (e.g. `raw SQLite prepared inserts`), or `nil` when there is none.
    public var baselineName: String?
    /// The baseline's median, measured in the same run.
    public var baselineValue: Double?
    /// `value / baselineValue`, higher is better (see the type's documentation).
    public var ratio: Double?
    /// Repetitions.
    public var reps: Int
    /// The spread of `value`: (max - min) / median over the repetitions.
    public var spread: Double?
    /// A target to compare with, in words (e.g. `>= 0.60`).
    public var target: String?
    /// Anything a reader needs (orientation, sizes).
    public var note: String?

    /// Creates a measurement.
    public init(
        suite: String, metric: String, unit: String, value: Double, baselineName: String? = nil,
        baselineValue: Double? = nil, ratio: Double? = nil, reps: Int, spread: Double? = nil, target: String? = nil,
        note: String? = nil
    ) {
        self.suite = suite
        self.metric = metric
        self.unit = unit
        self.value = value
        self.baselineName = baselineName
        self.baselineValue = baselineValue
        self.ratio = ratio
        self.reps = reps
        self.spread = spread
        self.target = target
        self.note = note
    }

    private enum CodingKeys: String, CodingKey {
        case suite, metric, unit, value, reps, spread, target, note, ratio
        case baselineName = "baseline_name"
        case baselineValue = "baseline_value"
    }
}
