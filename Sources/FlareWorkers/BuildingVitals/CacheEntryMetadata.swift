import FlareWorkerAPI
import Foundation

/// What the cache stores beside a body, as R2 `customMetadata` (all strings: fixes §9.14).
public struct CacheEntryMetadata: Sendable, Hashable {
    /// The number of points in the entry.
    public var pointsCount: Int
    /// The number of samples in the entry.
    public var samplesCount: Int
    /// The job that produced the entry, if any.
    public var jobId: String?
    /// Further string fields; they never override the fields above.
    public var extra: [String: String]

    /// Creates metadata.
    public init(pointsCount: Int = 0, samplesCount: Int = 0, jobId: String? = nil, extra: [String: String] = [:]) {
        self.pointsCount = pointsCount
        self.samplesCount = samplesCount
        self.jobId = jobId
        self.extra = extra
    }

    /// The custom metadata to store: `extra` first, then the reserved fields on top.
    func customMetadata(generated: Date, originalSize: Int) -> [String: String] {
        var fields = extra
        fields["pointsCount"] = String(pointsCount)
        fields["samplesCount"] = String(samplesCount)
        fields["generatedTime"] = ISODate.format(generated)
        fields["originalSize"] = String(originalSize)
        if let jobId { fields["jobId"] = jobId }
        return fields
    }
}
