/// The final verdict and its exit code, as `verify-deployment.sh` decides them.
public enum Verdict: String, Sendable, Codable, Equatable {
    /// No failure and no warning: exit 0.
    case verified
    /// Warnings but no failure: exit 1.
    case verifiedWithWarnings
    /// At least one failure: exit 2.
    case failed

    /// The verdict for these counts: any failure wins, then any warning.
    public init(warnings: Int, failed: Int) {
        self = failed > 0 ? .failed : warnings > 0 ? .verifiedWithWarnings : .verified
    }

    /// `EXIT_SUCCESS=0`, `EXIT_WARNING=1`, `EXIT_FAILURE=2`.
    public var exitCode: Int32 {
        switch self {
        case .verified: 0
        case .verifiedWithWarnings: 1
        case .failed: 2
        }
    }
}
