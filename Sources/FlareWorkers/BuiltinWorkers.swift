import FlareWorkerAPI

/// The Swift ports of the source documents' workers, registered by default in `swiftflare`.
public enum BuiltinWorkers {
    /// The Coinswarm producer, consumer and import worker, and the Building-Vitals worker.
    public static let all: [any Worker.Type] = CoinswarmWorkers.all + BuildingVitalsWorkers.all
}
