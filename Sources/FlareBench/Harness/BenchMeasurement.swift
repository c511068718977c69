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
    /// The increase of the process's peak resident memory while the suite ran, in MB (set by
    /// ``BenchRunner`` on every measurement of the suite; `getrusage` maxrss is process-wide).
    public var peakMemoryMB: Double?

    /// Creates a measurement.
    public init(
        suite: String, metric: String, unit: String, value: Double, baselineName: String? = nil,
        baselineValue: Double? = nil, ratio: Double? = nil, reps: Int, spread: Double? = nil, target: String? = nil,
        note: String? = nil, peakMemoryMB: Double? = nil
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
        self.peakMemoryMB = peakMemoryMB
    }

    /// Encodes every documented key, writing `null` for a missing baseline so that every object has the
    /// same shape (`suite`, `metric`, `unit`, `value`, `baseline_name`, `baseline_value`, `ratio`, `reps`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(suite, forKey: .suite)
        try container.encode(metric, forKey: .metric)
        try container.encode(unit, forKey: .unit)
        try container.encode(value, forKey: .value)
        try container.encode(baselineName, forKey: .baselineName)
        try container.encode(baselineValue, forKey: .baselineValue)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(reps, forKey: .reps)
        try container.encodeIfPresent(spread, forKey: .spread)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encodeIfPresent(peakMemoryMB, forKey: .peakMemoryMB)
    }

    private enum CodingKeys: String, CodingKey {
        case suite, metric, unit, value, reps, spread, target, note, ratio
        case peakMemoryMB = "peak_memory_mb"
        case baselineName = "baseline_name"
        case baselineValue = "baseline_value"
    }
}
