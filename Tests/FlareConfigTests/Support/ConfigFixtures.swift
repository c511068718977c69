import FlareConfig
import FlareTesting
import Foundation

/// Paths of the repository and of this target's fixtures, located from this file.
enum ConfigFixtures {
    /// The repository root.
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `Tests/FlareConfigTests/Fixtures/<relative>`.
    static func path(_ relative: String) -> String {
        repoRoot.appendingPathComponent("Tests/FlareConfigTests/Fixtures").appendingPathComponent(relative).path
    }

    /// Loads a fixture.
    static func load(_ relative: String, environment: String? = nil) throws -> LoadedWorkerConfig {
        try WranglerConfigLoader.load(path: path(relative), environment: environment)
    }

    /// Writes `text` as `fileName` (and `extraFiles`) into a fresh directory and loads it.
    static func load(
        text: String, fileName: String = "wrangler.toml", environment: String? = nil,
        extraFiles: [String: String] = [:]
    ) throws -> LoadedWorkerConfig {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for (name, contents) in extraFiles.merging([fileName: text], uniquingKeysWith: { _, new in new }) {
            try contents.write(to: directory.url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try WranglerConfigLoader.load(
            path: directory.url.appendingPathComponent(fileName).path, environment: environment)
    }
}

extension Diagnostics {
    /// The messages of the entries of `severity`.
    func messages(_ severity: Entry.Severity) -> [String] {
        entries.filter { $0.severity == severity }.map(\.message)
    }
}
