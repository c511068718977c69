import FlareWorkerAPI
import Foundation
import Synchronization

/// Answers the producer's requests from ``PipelineFixtures``: the n-th request for a URL gets the
/// n-th run's body.
final class PipelineFetcher: Fetcher {
    private let bodies: [String: [Data]]
    private let served = Mutex<[String: Int]>([:])

    init(_ fixtures: PipelineFixtures) {
        bodies = fixtures.bodies
    }

    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        let key = PipelineFixtures.key(request.url)
        let index = served.withLock { served -> Int in
            defer { served[key, default: 0] += 1 }
            return served[key, default: 0]
        }
        guard let runs = bodies[key], index < runs.count else {
            throw FetchError(code: .noFixture, message: "pipeline bench: no body \(index) for \(key)")
        }
        return WorkerResponse(body: WorkerBody(data: runs[index]), url: request.url)
    }
}

/// A pipeline benchmark that could not run or came out wrong.
enum PipelineBenchFailure: Error, CustomStringConvertible {
    case fixture(String)
    case wrongCount(expected: Int, got: Int)
    case setup(String)

    var description: String {
        switch self {
        case .fixture(let name): return "pipeline bench: fixture \(name) is missing or malformed"
        case .wrongCount(let expected, let got): return "pipeline bench: expected \(expected) rows, found \(got)"
        case .setup(let message): return "pipeline bench: \(message)"
        }
    }
}
