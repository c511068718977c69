import Foundation
import HTTPTypes
import Logging

/// A worker's `env`: its bindings, vars and secrets, plus the injected world (clock, fetch, logger).
///
/// ```swift
/// let db = try env.d1("DB")
/// let rows = try await db.prepare("SELECT * FROM price_data LIMIT 10").all()
/// ```
public struct WorkerEnvironment: Sendable {
    /// The worker's (normalised) name.
    public let workerName: String
    /// `[vars]` and secrets (`.dev.vars`); non-string vars hold their JSON text.
    public let vars: [String: String]
    /// The names in ``vars`` that came from secrets, so logs can redact them.
    public let secretNames: Set<String>
    /// Bindings by name.
    public let bindings: [String: WorkerBinding]
    /// Outbound HTTP, the worker's `fetch`.
    public let fetcher: any Fetcher
    /// The clock behind `Date.now()`.
    public let clock: any FlareClock
    /// The worker's console.
    public let logger: Logger

    /// Creates an environment.
    public init(
        workerName: String,
        vars: [String: String] = [:],
        secretNames: Set<String> = [],
        bindings: [String: WorkerBinding] = [:],
        fetcher: any Fetcher,
        clock: any FlareClock = SystemClock(),
        logger: Logger
    ) {
        self.workerName = workerName
        self.vars = vars
        self.secretNames = secretNames
        self.bindings = bindings
        self.fetcher = fetcher
        self.clock = clock
        self.logger = logger
    }

    /// The D1 database bound as `name`.
    /// - Throws: `WorkerEnvironmentError` when there is no such binding or it is of another kind.
    public func d1(_ name: String) throws -> any D1Database {
        switch try binding(name, expected: "D1 database") {
        case .d1(let database): return database
        case let other: throw WorkerEnvironmentError.wrongKind(name: name, expected: "D1 database", actual: other)
        }
    }

    /// The R2 bucket bound as `name`.
    /// - Throws: `WorkerEnvironmentError` when there is no such binding or it is of another kind.
    public func r2(_ name: String) throws -> any R2Bucket {
        switch try binding(name, expected: "R2 bucket") {
        case .r2(let bucket): return bucket
        case let other: throw WorkerEnvironmentError.wrongKind(name: name, expected: "R2 bucket", actual: other)
        }
    }

    /// The queue producer bound as `name`.
    /// - Throws: `WorkerEnvironmentError` when there is no such binding or it is of another kind.
    public func queue(_ name: String) throws -> any Queue {
        switch try binding(name, expected: "queue") {
        case .queue(let queue): return queue
        case let other: throw WorkerEnvironmentError.wrongKind(name: name, expected: "queue", actual: other)
        }
    }

    /// Sends an outbound request through the injected fetcher.
    /// - Throws: `FetchError` for network failures.
    public func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        try await fetcher.fetch(request)
    }

    /// Sends a GET to `url` through the injected fetcher.
    /// - Throws: `FetchError` for network failures or an invalid URL.
    public func fetch(_ url: String, headers: [String: String] = [:]) async throws -> WorkerResponse {
        guard let parsed = URL(string: url), parsed.scheme != nil else {
            throw FetchError(code: .invalidRequest, message: "Invalid URL: \(url)")
        }
        var request = WorkerRequest(url: parsed)
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { request.headers[field] = value }
        }
        return try await fetcher.fetch(request)
    }

    private func binding(_ name: String, expected: String) throws -> WorkerBinding {
        guard let binding = bindings[name] else {
            throw WorkerEnvironmentError.missing(name: name, expected: expected, available: bindings.keys.sorted())
        }
        return binding
    }
}
