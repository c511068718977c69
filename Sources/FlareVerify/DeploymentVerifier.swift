import FlareWorkerAPI
import Foundation

/// Runs a verification suite against the emulated Coinswarm deployment.
///
/// ```swift
/// let verifier = DeploymentVerifier(options: VerifyOptions(configs: configs, registry: registry))
/// let report = await verifier.verify(.deployment)
/// print(TextRenderer(colors: false).render(report)); exit(report.exitCode)
/// ```
public struct DeploymentVerifier: Sendable {
    /// The options.
    public var options: VerifyOptions

    /// Creates a verifier.
    public init(options: VerifyOptions) {
        self.options = options
    }

    /// Runs `suite` and returns its report.
    public func verify(_ suite: VerificationSuite) async -> VerificationReport {
        switch suite {
        case .deployment: await verifyDeployment()
        case .queueSystem: await QueueSystemSuite(verifier: self).run()
        }
    }

    /// The checks of `verify-deployment.sh` (spec §6.1).
    public func verifyDeployment() async -> VerificationReport {
        let facts = await gatherFacts()
        return report(.deployment, facts: facts, sections: DeploymentChecks.all.map { $0.evaluate(facts) })
    }

    /// Reads the state (offline or from the dev server) and runs the probes.
    public func gatherFacts() async -> DeploymentFacts {
        var facts: DeploymentFacts
        if let url = options.devServer, let fetcher = options.fetcher {
            facts = await DevServerReader(
                url: url, fetcher: fetcher, persistRoot: options.persistRoot, configs: options.configs,
                logger: options.logger
            ).facts()
        } else {
            facts = await LocalStateReader(
                persistRoot: options.persistRoot, configs: options.configs, registry: options.registry,
                logger: options.logger
            ).facts()
        }
        if options.runProbes {
            facts.probe = await BehaviourProbe(
                configs: options.configs, registry: options.registry, persistRoot: options.persistRoot,
                scratchParent: options.scratchDirectory, start: options.clock.now(), logger: options.logger
            ).run()
        }
        return facts
    }

    func report(
        _ suite: VerificationSuite, facts: DeploymentFacts, sections: [ReportSection], summary: [ReportLine] = []
    ) -> VerificationReport {
        VerificationReport(
            suite: suite, target: facts.source, workingDirectory: options.workingDirectory,
            date: Self.shellDate(options.clock.now()), sections: sections, summaryLines: summary)
    }

    /// `date`'s default format in UTC: `Sun Dec  6 19:09:42 UTC 2026`.
    static func shellDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(days[(parts.weekday ?? 1) - 1]) \(months[(parts.month ?? 1) - 1]) "
            + "\(String(format: "%2d", parts.day ?? 1)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) "
            + "UTC \(parts.year ?? 1970)"
    }
}
