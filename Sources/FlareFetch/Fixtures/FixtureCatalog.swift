import FlareWorkerAPI
import Foundation
import HTTPTypes

/// The logic of `swiftflare fixtures list|show|verify|prune`.
public struct FixtureCatalog: Sendable {
    /// The fixtures directory.
    public let directory: URL

    /// Creates a catalog of `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// One line per fixture: `name  METHOD url -> status`.
    /// - Throws: `FetchError(.invalidRequest)` for a file that does not parse.
    public func list() async throws -> [String] {
        try await FixtureStore(directory: directory).allEntries().map { entry in
            let request = entry.exchange.request
            return "\(entry.name)  \(request.method) \(request.url) -> \(entry.exchange.response.status)"
        }
    }

    /// The text of the fixture `name` (with or without `.json`).
    /// - Throws: `FetchError(.noFixture)` when there is no such file.
    public func show(_ name: String) throws -> String {
        let relative = name.hasSuffix(".json") ? name : name + ".json"
        let file = directory.appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw FetchError(code: .noFixture, message: "No fixture named \(name) in \(directory.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Checks every fixture: it parses, its URL and bodies decode, and replaying its own recorded
    /// request answers with it (not with another fixture). Returns the problems, one per line.
    /// - Throws: `FetchError(.invalidRequest)` for a file that does not parse.
    public func verify() async throws -> [String] {
        let store = FixtureStore(directory: directory)
        var problems: [String] = []
        for entry in try await store.allEntries() {
            let request = entry.exchange.request
            guard let url = URL(string: request.url), url.host != nil else {
                problems.append("\(entry.name): invalid URL \(request.url)")
                continue
            }
            let body: Data
            do {
                body = try request.body?.data() ?? Data()
                _ = try entry.exchange.response.body?.data()
            } catch {
                problems.append("\(entry.name): \(error)")
                continue
            }
            guard (100...599).contains(entry.exchange.response.status) else {
                problems.append("\(entry.name): invalid status \(entry.exchange.response.status)")
                continue
            }
            let replayed = WorkerRequest(
                method: HTTPRequest.Method(request.method) ?? .get, url: url, body: WorkerBody(data: body))
            let match = try await store.match(replayed, body: body)
            if match?.name != entry.name {
                problems.append("\(entry.name): its request replays as \(match?.name ?? "nothing")")
            }
        }
        return problems
    }

    /// Removes the fixtures that no replay run used, as listed in `.fixtures-used`.
    /// - Parameter dryRun: only list what would be removed.
    /// - Returns: the names removed (or that would be).
    /// - Throws: `FetchError(.noFixture)` when no replay run has recorded usage yet.
    public func prune(dryRun: Bool = false) async throws -> [String] {
        let usage = directory.appendingPathComponent(FixtureStore.usageFileName)
        guard let data = FileManager.default.contents(atPath: usage.path) else {
            throw FetchError(
                code: .noFixture,
                message:
                    "No \(FixtureStore.usageFileName) in \(directory.path): run the workers with --fetch replay first")
        }
        let used = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
        var removed: [String] = []
        for entry in try await FixtureStore(directory: directory).allEntries() where !used.contains(entry.name) {
            if !dryRun { try FileManager.default.removeItem(at: entry.file) }
            removed.append(entry.name)
        }
        return removed
    }
}
