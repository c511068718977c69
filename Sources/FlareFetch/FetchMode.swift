/// How outbound `fetch` behaves in a run (`--fetch live|record|replay|replay-or-live`).
public enum FetchMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Straight to the network.
    case live
    /// To the network, saving every exchange as a fixture.
    case record
    /// From fixtures only; a request with no fixture throws `FetchError(.noFixture)`.
    case replay
    /// From fixtures, falling back to the network.
    case replayOrLive = "replay-or-live"

    /// The default for `make dev` and the tests.
    public static let `default` = FetchMode.replay

    /// The flag spelling.
    public var description: String { rawValue }
}
