import FlareWorkerAPI
import Foundation
import HTTPTypes
import Logging

/// The live outbound `fetch`, on libcurl.
///
/// One dedicated thread drives a curl multi handle, so awaiting a response never blocks Swift's
/// cooperative pool, and all requests of one fetcher share a connection cache (keep-alive reuse).
/// As in the Workers runtime, HTTP error statuses are responses; only network failures throw.
/// Redirects follow ``WorkerRequest/redirect`` (at most 20 hops, 301/302/303 turn a POST into a
/// GET), gzip, deflate and Brotli bodies are decoded transparently (the `content-encoding`
/// header stays, `content-length` is dropped), and the response body streams in as curl reads it.
/// Cancelling the calling task aborts the transfer.
///
/// Cloudflare documentation: <https://developers.cloudflare.com/workers/runtime-apis/fetch/>
///
/// ```swift
/// let fetcher = CurlFetcher(logger: logger)
/// let response = try await fetcher.fetch(WorkerRequest(url: URL(string: "https://example.com")!))
/// print(response.status, try await response.body.text())
/// ```
public final class CurlFetcher: Fetcher {
    /// The whole-request timeout used when a request names none.
    public let timeout: Duration
    /// The connect timeout.
    public let connectTimeout: Duration
    private let driver = CurlDriver()
    private let logger: Logger

    /// The Workers runtime's redirect limit.
    public static let maxRedirects = 20

    /// Creates a fetcher with its own curl thread (stopped when the fetcher is released).
    /// - Parameters:
    ///   - timeout: the default whole-request timeout, headers and body included.
    ///   - connectTimeout: the connect timeout.
    ///   - logger: where each request is logged at `debug`.
    public init(timeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(10), logger: Logger) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    deinit {
        driver.stop()
    }

    /// Sends `request` over the network.
    /// - Throws: `FetchError` `.network` (refused, DNS, TLS, reset), `.timeout`, `.invalidRequest`;
    ///   `CancellationError` when the task is cancelled first.
    public func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        try await fetch(request, timeout: nil)
    }

    /// Sends `request` with its own whole-request `timeout` (`nil`: the fetcher's default).
    /// - Throws: as ``fetch(_:)``.
    public func fetch(_ request: WorkerRequest, timeout: Duration?) async throws -> WorkerResponse {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FetchError(
                code: .invalidRequest, message: "Fetch API cannot load: \(request.url.absoluteString)")
        }
        let spec = try await makeSpec(request, timeout: timeout ?? self.timeout)
        logger.debug("fetch", metadata: ["fetch.method": "\(spec.method)", "fetch.url": "\(spec.url)"])
        let driver = self.driver
        let holder = TransferHolder()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let transfer = CurlTransfer(spec: spec, continuation: continuation)
                holder.set(transfer)
                transfer.abortWhenAbandoned(by: driver)
                driver.start(transfer)
                // Cancelled before the holder was set: the handler above found nothing to cancel.
                if Task.isCancelled { driver.cancel(transfer) }
            }
        } onCancel: {
            if let transfer = holder.get() { driver.cancel(transfer) }
        }
    }

    private func makeSpec(_ request: WorkerRequest, timeout: Duration) async throws -> CurlRequestSpec {
        var headers: [(name: String, value: String)] = []
        var acceptEncoding = "gzip, deflate, br"
        for field in request.headers {
            if field.name == .acceptEncoding {
                acceptEncoding = field.value
            } else {
                headers.append((field.name.rawName, field.value))
            }
        }
        return CurlRequestSpec(
            method: request.method.rawValue,
            url: request.url.absoluteString,
            headers: headers,
            body: try await request.body.collect(),
            acceptEncoding: acceptEncoding,
            followRedirects: request.redirect == .follow,
            maxRedirects: Self.maxRedirects,
            timeoutMilliseconds: Self.milliseconds(timeout),
            connectTimeoutMilliseconds: Self.milliseconds(connectTimeout)
        )
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
