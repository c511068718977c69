import FlareWorkerAPI
import Foundation

/// A directory of fixtures, `<directory>/<host>/<name>.json`, loaded lazily one host at a time
/// and indexed by method, host and path, so replaying is a dictionary lookup.
///
/// Fixture names are paths relative to the directory without `.json` (`api.binance.us/klines-BTCUSDT`).
/// When usage tracking is on, the name of every fixture replay answers from is appended (once per
/// process) to ``usageFileName`` in the directory; `swiftflare fixtures prune` reads it.
public actor FixtureStore {
    /// The file, inside the fixtures directory, that lists the fixtures replay runs used.
    public static let usageFileName = ".fixtures-used"

    /// One loaded fixture.
    public struct Entry: Sendable {
        /// The name (relative path without `.json`).
        public var name: String
        /// The file.
        public var file: URL
        /// The exchange.
        public var exchange: FixtureExchange
        let key: FixtureKey
        let ignored: Set<String>
    }

    /// The directory.
    public let directory: URL
    private let trackUsage: Bool
    private var loadedHosts: Set<String> = []
    private var byRoute: [String: [Entry]] = [:]
    private var used: Set<String> = []

    /// Creates a store over `directory` (which need not exist yet).
    /// - Parameters:
    ///   - directory: the fixtures directory.
    ///   - trackUsage: append used fixture names to ``usageFileName``.
    public init(directory: URL, trackUsage: Bool = false) {
        self.directory = directory.standardizedFileURL
        self.trackUsage = trackUsage
    }

    /// The fixture answering `request`, or `nil`.
    /// - Throws: `FetchError(.invalidRequest)` when a fixture file of the host does not parse.
    public func match(_ request: WorkerRequest, body: Data) throws -> Entry? {
        let key = FixtureKey(method: request.method.rawValue, url: request.url)
        try loadHost(of: request.url)
        let candidates = (byRoute[key.route] ?? []).filter { entry in
            key.comparableQuery(ignoring: entry.ignored) == entry.key.comparableQuery(ignoring: entry.ignored)
                && bodyMatches(entry, body: body)
        }
        // Prefer a fixture whose ignored parameters happen to match too, then the first by name.
        let best =
            candidates.first { key.comparableQuery(ignoring: []) == $0.key.comparableQuery(ignoring: []) }
            ?? candidates.first
        if let best { noteUsed(best.name) }
        return best
    }

    /// Up to `limit` recorded requests nearest to `request`, as `METHOD url (name)` lines.
    public func nearest(to request: WorkerRequest, limit: Int = 5) -> [String] {
        let key = FixtureKey(method: request.method.rawValue, url: request.url)
        let everything = (try? allEntries()) ?? []
        return
            everything
            .map { (entry: $0, score: key.similarity(to: $0.key)) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.entry.name < $1.entry.name }
            .prefix(limit)
            .map { "\($0.entry.exchange.request.method) \($0.entry.exchange.request.url) (\($0.entry.name))" }
    }

    /// Every fixture, sorted by name.
    /// - Throws: `FetchError(.invalidRequest)` naming the first file that does not parse.
    public func allEntries() throws -> [Entry] {
        for host in try hostDirectories() where !loadedHosts.contains(host) {
            try load(host: host)
        }
        return byRoute.values.flatMap { $0 }.sorted { $0.name < $1.name }
    }

    /// Reads one fixture file.
    /// - Throws: `FetchError(.invalidRequest)` naming the file and the parse error.
    public static func read(_ file: URL) throws -> FixtureExchange {
        do {
            return try FixtureDecoder.decode(Data(contentsOf: file))
        } catch {
            throw FetchError(code: .invalidRequest, message: "Invalid fixture \(file.path): \(error)")
        }
    }

    private func bodyMatches(_ entry: Entry, body: Data) -> Bool {
        guard entry.exchange.request.matchBody == true else { return true }
        let recorded = (try? entry.exchange.request.body?.data()) ?? Data()
        if recorded == body { return true }
        guard let left = try? JSONValue(parsing: recorded), let right = try? JSONValue(parsing: body) else {
            return false
        }
        return left == right
    }

    private func loadHost(of url: URL) throws {
        let host = (url.host ?? "").lowercased()
        guard !loadedHosts.contains(host) else { return }
        try load(host: host)
    }

    private func hostDirectories() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            let path = directory.appendingPathComponent(name).path
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    private func load(host: String) throws {
        loadedHosts.insert(host)
        let folder = directory.appendingPathComponent(host, isDirectory: true)
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return
        }
        var files: [URL] = []
        for case let file as URL in enumerator where file.pathExtension == "json" { files.append(file) }
        for file in files.sorted(by: { $0.path < $1.path }) {
            let exchange = try Self.read(file)
            guard let url = URL(string: exchange.request.url) else {
                throw FetchError(code: .invalidRequest, message: "Invalid fixture \(file.path): bad URL")
            }
            let key = FixtureKey(method: exchange.request.method, url: url)
            let entry = Entry(
                name: Self.name(of: file, in: directory), file: file, exchange: exchange, key: key,
                ignored: Set(exchange.request.ignoreQuery ?? []))
            byRoute[key.route, default: []].append(entry)
        }
    }

    /// The fixture name of `file`: its path relative to `directory`, without `.json`.
    static func name(of file: URL, in directory: URL) -> String {
        let base = directory.standardizedFileURL.path
        var path = file.standardizedFileURL.path
        if path.hasPrefix(base + "/") { path.removeFirst(base.count + 1) }
        return path.hasSuffix(".json") ? String(path.dropLast(5)) : path
    }

    private func noteUsed(_ name: String) {
        guard trackUsage, used.insert(name).inserted else { return }
        let file = directory.appendingPathComponent(Self.usageFileName)
        let line = Data((name + "\n").utf8)
        if let handle = try? FileHandle(forWritingTo: file) {
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line)
            try? handle.close()
        } else {
            try? line.write(to: file)
        }
    }
}
