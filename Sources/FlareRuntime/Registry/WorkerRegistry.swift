import FlareWorkerAPI

/// Maps wrangler config names to Swift worker types.
///
/// The built-in ported workers are registered by default; people add their own through
/// `SwiftflareCommand.main(workers:)`.
public struct WorkerRegistry: Sendable {
    private var types: [String: any Worker.Type]

    /// A registry holding `workers`; a later type with the same name replaces an earlier one.
    public init(_ workers: [any Worker.Type]) {
        var types: [String: any Worker.Type] = [:]
        for worker in workers { types[worker.name] = worker }
        self.types = types
    }

    /// The registered names, sorted.
    public var names: [String] { types.keys.sorted() }

    /// The worker type registered for `name`, or `nil`.
    public func type(named name: String) -> (any Worker.Type)? {
        types[name]
    }

    /// Adds (or replaces) workers.
    public mutating func register(_ workers: [any Worker.Type]) {
        for worker in workers { types[worker.name] = worker }
    }

    /// The diagnostic for a config whose name no registered worker serves.
    public func unregisteredMessage(for name: String, configPath: String) -> String {
        let list = names.isEmpty ? "(none)" : names.joined(separator: ", ")
        return "No Swift worker is registered for \"\(name)\" (from \(configPath)). Registered workers: \(list). "
            + "Register yours with SwiftflareCommand.main(workers: [YourWorker.self])."
    }
}
