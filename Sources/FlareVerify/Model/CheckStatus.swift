/// The outcome of one report line, as the original scripts' `pass`, `warn`, `fail` and `info`
/// helpers print them; `text` is a plain echoed line (a preview, a setting).
public enum CheckStatus: String, Sendable, Codable, Equatable {
    /// A check that held (`✅ PASS: …`).
    case pass
    /// A check that did not hold but is not fatal (`⚠️  WARN: …`).
    case warn
    /// A check that did not hold (`❌ FAIL: …`).
    case fail
    /// Information that counts for nothing (`ℹ️  INFO: …`).
    case info
    /// A plain line.
    case text
}
