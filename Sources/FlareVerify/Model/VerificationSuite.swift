/// Which script a report reproduces.
public enum VerificationSuite: String, Sendable, Codable, Equatable, CaseIterable {
    /// `verify-deployment.sh` (spec §6.1): the default.
    case deployment
    /// `test-queue-system.sh` (spec §6.2).
    case queueSystem = "queue-system"
}
