import FlareWorkerAPI
import Foundation

extension WorkerResponse {
    /// Sets header `name` to `value`; `name` must be a valid field name (the worker uses constants).
    mutating func setHeader(_ name: String, _ value: String) {
        // The field-name type is inferred from the subscript, so this module needs no HTTPTypes import.
        headers[.init(name)!] = value
    }

    /// This response with the CORS headers added.
    func withCORS() -> WorkerResponse {
        var response = self
        for (name, value) in CORS.headers { response.setHeader(name, value) }
        return response
    }

    /// A JSON error body `{"error": message}` (plus `timestamp` for 500s, as the original).
    static func error(_ message: String, status: Int, timestamp: Date? = nil) -> WorkerResponse {
        var object: [String: JSONValue] = ["error": .string(message)]
        if let timestamp { object["timestamp"] = .string(ISODate.format(timestamp)) }
        return .json(.object(object), status: .init(integerLiteral: status))
    }
}
