import FlareWorkerAPI
import Foundation
import Synchronization

/// A logic-test fake of outbound fetch: answers by exact URL and records the requests. The replay
/// fetcher with recorded fixtures replaces it in the e2e tests.
final class FakeFetcher: Fetcher, Sendable {
    enum Answer: Sendable {
        case status(Int, String)
        case failure(String)
    }

    let answers: [String: Answer]
    let requests = Mutex<[WorkerRequest]>([])

    init(_ answers: [String: Answer]) {
        self.answers = answers
    }

    var urls: [String] { requests.withLock { $0.map(\.url.absoluteString) } }

    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        requests.withLock { $0.append(request) }
        switch answers[request.url.absoluteString] {
        case .status(let code, let body)?:
            return WorkerResponse(status: .init(code: code), body: WorkerBody(text: body), url: request.url)
        case .failure(let message)?:
            throw FetchError(code: .network, message: message)
        case nil:
            throw FetchError(code: .noFixture, message: "no fake answer for \(request.url.absoluteString)")
        }
    }
}
