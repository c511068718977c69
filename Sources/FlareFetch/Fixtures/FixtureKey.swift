import Foundation

/// The parts of a request replay matches on: method, host, port, path and the query as a
/// multiset (order-independent).
struct FixtureKey: Sendable, Hashable {
    /// `METHOD host:port/path`, the index key.
    var route: String
    /// Query items, percent-decoded, sorted.
    var query: [QueryPair]

    struct QueryPair: Sendable, Hashable, Comparable {
        var name: String
        var value: String

        static func < (lhs: QueryPair, rhs: QueryPair) -> Bool {
            (lhs.name, lhs.value) < (rhs.name, rhs.value)
        }
    }

    init(method: String, url: URL) {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let host = (components?.host ?? "").lowercased()
        let port = components?.port.map { ":\($0)" } ?? ""
        var path = components?.percentEncodedPath ?? ""
        path = path.removingPercentEncoding ?? path
        if path.isEmpty { path = "/" }
        route = "\(method.uppercased()) \(host)\(port)\(path)"
        query = (components?.queryItems ?? []).map { QueryPair(name: $0.name, value: $0.value ?? "") }.sorted()
    }

    /// The query without scrubbed parameters and without `ignored` names.
    func comparableQuery(ignoring ignored: Set<String>) -> [QueryPair] {
        query.filter { pair in
            !ignored.contains(pair.name) && !FixtureScrubber.scrubbedQueryNames.contains(pair.name.lowercased())
                && pair.value != FixtureScrubber.marker
        }
    }

    /// How alike two keys are, for "nearest fixture" suggestions (higher is nearer).
    func similarity(to other: FixtureKey) -> Int {
        var score = 0
        if route == other.route { score += 100 }
        let mine = route.split(separator: " ").last.map(String.init) ?? ""
        let theirs = other.route.split(separator: " ").last.map(String.init) ?? ""
        if mine.split(separator: "/").first == theirs.split(separator: "/").first { score += 30 }
        score += zip(mine, theirs).prefix { $0 == $1 }.count
        let shared = Set(query).intersection(other.query).count
        let sharedNames = Set(query.map(\.name)).intersection(other.query.map(\.name)).count
        return score + shared * 5 + sharedNames * 2
    }
}
