import FlareWorkerAPI

/// The CORS headers on every response (fixes §9.12: `DELETE` is allowed, so browser cancels pass preflight).
public enum CORS {
    /// Header name and value pairs.
    public static let headers: [(name: String, value: String)] = [
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS"),
        ("Access-Control-Allow-Headers", "Content-Type, Authorization"),
        ("Access-Control-Expose-Headers", "X-Cache-Hit, X-Route-Type, X-Request-Duration, X-Request-Id, X-Job-Id"),
        ("Access-Control-Max-Age", "86400"),
    ]
}
