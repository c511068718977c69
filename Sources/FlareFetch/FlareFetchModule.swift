import FlareWorkerAPI
import Foundation
import Logging

/// Namespace of the `FlareFetch` module (see ARCHITECTURE.md) and its fetcher factory.
public enum FlareFetchModule {
    /// The module's name.
    public static let name = "FlareFetch"

    /// The fetcher for a run's `--fetch` mode: what the runtime injects as `env.fetcher`.
    ///
    /// ```swift
    /// let fetcher = FlareFetchModule.makeFetcher(
    ///     mode: .replay, fixturesDirectory: URL(fileURLWithPath: "fixtures"), secrets: vars, logger: logger)
    /// ```
    /// - Parameters:
    ///   - mode: live, record, replay or replay-or-live.
    ///   - fixturesDirectory: the fixtures (`fixtures/` at the repository root by default).
    ///   - secrets: the workers' vars and secrets; values of those named like `*_KEY`, `*_TOKEN`,
    ///     `*SECRET*` are scrubbed from recordings.
    ///   - trackUsage: in replay modes, append used fixture names to `fixtures/.fixtures-used`
    ///     (read by `swiftflare fixtures prune`).
    ///   - timeout: the live whole-request timeout.
    ///   - logger: the fetchers' logger.
    public static func makeFetcher(
        mode: FetchMode, fixturesDirectory: URL, secrets: [String: String] = [:], trackUsage: Bool = true,
        timeout: Duration = .seconds(60), logger: Logger
    ) -> any Fetcher {
        switch mode {
        case .live:
            return CurlFetcher(timeout: timeout, logger: logger)
        case .record:
            return RecordingFetcher(
                directory: fixturesDirectory, live: CurlFetcher(timeout: timeout, logger: logger), secrets: secrets,
                logger: logger)
        case .replay:
            return ReplayingFetcher(
                store: FixtureStore(directory: fixturesDirectory, trackUsage: trackUsage), logger: logger)
        case .replayOrLive:
            return ReplayingFetcher(
                store: FixtureStore(directory: fixturesDirectory, trackUsage: trackUsage),
                fallback: CurlFetcher(timeout: timeout, logger: logger), logger: logger)
        }
    }
}
