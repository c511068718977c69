import FlareRuntime
import FlareWorkerAPI

/// Answers `--url` requests from an in-process emulator's control routes, as its dev server would
/// (without a socket).
struct EmulatorControlFetcher: Fetcher {
    let emulator: Emulator

    func fetch(_ request: WorkerRequest) async throws -> WorkerResponse {
        await emulator.control(method: request.method, path: request.url.path, query: [:], body: nil)
    }
}
