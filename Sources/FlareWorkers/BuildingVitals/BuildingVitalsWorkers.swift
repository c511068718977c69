import FlareWorkerAPI

/// The Building-Vitals workers, for the runtime to register.
public enum BuildingVitalsWorkers {
    /// Every worker type of the Building-Vitals port.
    public static let all: [any Worker.Type] = [BuildingVitalsWorker.self]
}
