import FlareWorkerAPI

/// The body of a `chart-processing-queue` message (§3.3), JSON-encoded.
public struct JobMessage: Codable, Sendable, Hashable {
    /// Options carried with the job.
    public struct Options: Codable, Sendable, Hashable {
        /// Always `json` (no MessagePack encoding exists).
        public var format: String
        /// The R2 key the result is written to.
        public var cacheKey: String
    }

    /// The job id.
    public var jobId: String
    /// The site.
    public var site: String
    /// The requested points.
    public var points: [String]
    /// `start_time` as requested.
    public var startTime: String
    /// `end_time` as requested.
    public var endTime: String
    /// `user_id`, if any.
    public var userId: String?
    /// Options.
    public var options: Options

    /// Creates a message body.
    public init(
        jobId: String, site: String, points: [String], startTime: String, endTime: String, userId: String?,
        cacheKey: String
    ) {
        self.jobId = jobId
        self.site = site
        self.points = points
        self.startTime = startTime
        self.endTime = endTime
        self.userId = userId
        self.options = Options(format: "json", cacheKey: cacheKey)
    }
}
