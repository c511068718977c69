import FlareWorkerAPI
import Foundation
import Synchronization

/// A test-only fetcher answering from a closure and recording every request (URL and headers).
/// The unit tests' transport for ``FakeACE``.
final class VitalsFakeFetcher: Fetcher {
    private let handler: @Sendable (WorkerRequest) throws -> WorkerResponse
    private let recorded = Mutex<[WorkerRequest]>([])

    init(_ handler: @escaping @Sendable (WorkerRequest) throws -> WorkerResponse) {
        self.handler = handler
    }

    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        recorded.withLock { $0.append(request) }
        return try handler(request)
    }

    var requests: [WorkerRequest] { recorded.withLock { $0 } }
    var urls: [String] { requests.map(\.url.absoluteString) }
}
