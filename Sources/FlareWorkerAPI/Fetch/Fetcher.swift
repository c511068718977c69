/// Outbound HTTP, the worker's global `fetch`.
///
/// The runtime injects one: live over libcurl, recording, or replaying recorded fixtures.
/// HTTP error statuses come back as responses; only network failures throw.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/fetch/>
public protocol Fetcher: Sendable {
    /// Sends `request` and returns the response.
    /// - Throws: `FetchError` for network failures, timeouts and (in replay) missing fixtures.
    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse
}

/// An outbound fetch failure: the network, a timeout, or a missing fixture in replay mode.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The host could not be reached (refused, DNS, TLS).
        public static let network = Code(name: "network")
        /// The request took longer than its timeout.
        public static let timeout = Code(name: "timeout")
        /// Replay mode found no recorded exchange for the request.
        public static let noFixture = Code(name: "noFixture")
        /// The request itself is invalid (bad URL, unsupported scheme).
        public static let invalidRequest = Code(name: "invalidRequest")
        /// A readable name.
        public var description: String { name }
    }

    /// What kind of failure.
    public var code: Code
    /// The message shown to the worker and in logs.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
