/// One numbered test of `verify-deployment.sh`, answered from gathered facts.
///
/// Checks never do I/O: the verifier gathers ``DeploymentFacts`` once (state, configs, probes)
/// and each check turns them into its section, so every line can be tested from facts alone.
public protocol DeploymentCheck: Sendable {
    /// The section (heading and lines) for `facts`.
    func evaluate(_ facts: DeploymentFacts) -> ReportSection
}
