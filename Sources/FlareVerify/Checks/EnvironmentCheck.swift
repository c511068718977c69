/// E1/E2: the script required `CLOUDFLARE_API_TOKEN` and `CLOUDFLARE_ACCOUNT_ID`. Locally nothing
/// needs them, so they become INFO lines instead of a PASS that checked nothing.
public struct EnvironmentCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// INFO lines for E1 and E2, and what is verified instead of a Cloudflare account.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        ReportSection(
            title: "Checking environment variables...", blankLinesBefore: 0,
            lines: [
                .info("CLOUDFLARE_API_TOKEN not needed locally (E1): nothing is sent to Cloudflare"),
                .info("CLOUDFLARE_ACCOUNT_ID not needed locally (E2): the emulated deployment has no account"),
                .info("Verifying the emulated deployment: \(facts.source)"),
            ])
    }
}
