import ArgumentParser
import FlareFetch
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging

/// Talks to a running `swiftflare dev` through its `/cdn-cgi/local/` control routes (loopback
/// only), for `swiftflare tail` and `swiftflare cron trigger|advance`.
struct DevServerClient {
    /// The dev server's base URL, e.g. `http://127.0.0.1:8787`.
    let baseURL: String
    private let fetcher: CurlFetcher

    init(ip: String, port: Int) {
        baseURL = "http://\(ip):\(port)"
        // Tail streams for as long as the user watches: the whole-request timeout must not end it.
        fetcher = CurlFetcher(
            timeout: .seconds(365 * 86_400), connectTimeout: .seconds(3), logger: Logger(label: "swiftflare.client"))
    }

    /// Sends a request to `path` (with its query) and returns the response.
    /// - Throws: `ExitCode.failure` with a hint when nothing listens on the port.
    func send(_ path: String, method: HTTPRequest.Method = .get) async throws -> WorkerResponse {
        guard let url = URL(string: baseURL + path) else { throw ValidationError("Bad URL \(baseURL)\(path)") }
        do {
            return try await fetcher.fetch(WorkerRequest(method: method, url: url))
        } catch let error as FetchError {
            throw CronCommand.fail(
                "Could not reach a running `swiftflare dev` at \(baseURL) (\(error.message)); start it, or pass --port."
            )
        }
    }

    /// A query string of the non-nil items, each value percent-encoded.
    static func query(_ items: [(String, String?)]) -> String {
        var components = URLComponents()
        components.queryItems = items.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        let encoded = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        return encoded.isEmpty ? "" : "?\(encoded)"
    }
}
