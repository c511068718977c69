import FlareWorkerAPI
import Foundation

/// The HTTP API (§4.8): `/api/timeseries`, `/api/jobs/{id}[/result]`, `/api/stats`, `/api/health`,
/// `/api/queue/dlq/failures`. Paths match exactly (the original's prefix match accepted
/// `/api/timeseriesXYZ`: §9.22). Every response carries ``CORS/headers``; `OPTIONS` answers any path.
public struct VitalsAPI: Sendable {
    /// The worker's bindings and settings.
    public let env: VitalsEnvironment

    /// Creates the API.
    public init(env: VitalsEnvironment) {
        self.env = env
    }

    /// Answers one request; errors become 500 `{"error", "timestamp"}`.
    public func handle(_ request: WorkerRequest) async -> WorkerResponse {
        if request.method.rawValue == "OPTIONS" { return WorkerResponse(status: .init(integerLiteral: 204)).withCORS() }
        do {
            return try await route(request).withCORS()
        } catch let error as VitalsValidationError {
            return WorkerResponse.error(error.message, status: 400).withCORS()
        } catch {
            env.logger.error("[API] \(request.method.rawValue) \(request.path) failed: \(error)")
            return WorkerResponse.error("\(error)", status: 500, timestamp: env.clock.now()).withCORS()
        }
    }

    private func route(_ request: WorkerRequest) async throws -> WorkerResponse {
        let path = request.path
        let method = request.method.rawValue
        if path == "/api/timeseries" {
            guard method == "GET" else { return methodNotAllowed }
            return try await timeseries(request)
        }
        // Foundation's `URL.path` drops a trailing slash, so `/api/jobs/` arrives as `/api/jobs`.
        if path == "/api/jobs" { return WorkerResponse.error("Job ID required", status: 400) }
        if path.hasPrefix("/api/jobs/") {
            let rest = path.dropFirst("/api/jobs/".count).split(separator: "/", omittingEmptySubsequences: false)
            guard let id = rest.first.map(String.init), !id.isEmpty else {
                return WorkerResponse.error("Job ID required", status: 400)
            }
            if rest.count == 2, rest[1] == "result" {
                guard method == "GET" else { return methodNotAllowed }
                return try await jobResult(id)
            }
            guard rest.count == 1 else { return notFound }
            switch method {
            case "GET": return try await jobStatus(id, origin: origin(of: request))
            case "DELETE": return try await cancel(id)
            default: return methodNotAllowed
            }
        }
        guard method == "GET" else { return path.hasPrefix("/api/") ? methodNotAllowed : notFound }
        switch path {
        case "/api/stats": return try await stats()
        case "/api/health": return .json(["status": "healthy", "timestamp": .string(ISODate.format(env.clock.now()))])
        case "/api/queue/dlq/failures": return try await deadLettered(request)
        default: return notFound
        }
    }

    private var notFound: WorkerResponse { .text("Not Found", status: .init(integerLiteral: 404)) }
    private var methodNotAllowed: WorkerResponse { .text("Method not allowed", status: .init(integerLiteral: 405)) }

    /// `scheme://host[:port]` of the request, for absolute URLs in bodies.
    func origin(of request: WorkerRequest) -> String {
        var components = URLComponents()
        components.scheme = request.url.scheme
        components.host = request.url.host
        components.port = request.url.port
        return components.string ?? ""
    }
}
