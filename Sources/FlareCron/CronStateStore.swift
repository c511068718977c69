import Foundation

/// The scheduler's last fired times, in `<persistRoot>/v3/cron/state.json`, so that a restart never
/// fires a minute twice.
///
/// ```json
/// {"version":1,"triggers":[{"worker":"producer","cron":"*/30 * * * *","last_fired_ms":1735691400000}]}
/// ```
struct CronStateStore: Sendable {
    private struct Entry: Codable {
        var worker: String
        var cron: String
        var lastFiredMilliseconds: Int64

        enum CodingKeys: String, CodingKey {
            case worker, cron
            case lastFiredMilliseconds = "last_fired_ms"
        }
    }

    private struct File: Codable {
        var version = 1
        var triggers: [Entry]
    }

    /// A trigger's identity in the state file.
    struct Key: Hashable, Sendable {
        var worker: String
        var cron: String
    }

    /// The state file.
    let url: URL

    /// A store under `persistRoot`.
    init(persistRoot: URL) {
        url = persistRoot.appendingPathComponent("v3", isDirectory: true)
            .appendingPathComponent("cron", isDirectory: true)
            .appendingPathComponent("state.json", isDirectory: false)
    }

    /// The last fired times; empty when there is no file yet.
    /// - Throws: ``CronError`` (`persistence`) when the file exists but cannot be read or decoded.
    func load() throws -> [Key: Date] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
            var state: [Key: Date] = [:]
            for entry in file.triggers {
                state[Key(worker: entry.worker, cron: entry.cron)] = Date(
                    timeIntervalSince1970: Double(entry.lastFiredMilliseconds) / 1000)
            }
            return state
        } catch {
            throw CronError(code: .persistence, message: "Cannot read cron state \(url.path): \(error)")
        }
    }

    /// Writes the last fired times atomically.
    /// - Throws: ``CronError`` (`persistence`) when the file cannot be written.
    func save(_ state: [Key: Date]) throws {
        let entries = state.map { key, date in
            Entry(
                worker: key.worker, cron: key.cron,
                lastFiredMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
        .sorted { ($0.worker, $0.cron) < ($1.worker, $1.cron) }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(File(triggers: entries)).write(to: url, options: .atomic)
        } catch {
            throw CronError(code: .persistence, message: "Cannot write cron state \(url.path): \(error)")
        }
    }
}
