import FlareWorkerAPI

/// How a timeseries request is served (§4.2 of the Building-Vitals spec).
public enum RouteType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Fetched from ACE on the spot, not cached (estimates below 1,000 samples).
    case direct
    /// Read from the R2 cache, fetched and stored on a miss (below 100,000 samples).
    case cached
    /// Queued as a background job tracked in D1 (100,000 samples and more).
    case queued
}
