/// The checks of `verify-deployment.sh`, in the script's order.
public enum DeploymentChecks {
    /// E1/E2 and Tests 1–8.
    public static let all: [any DeploymentCheck] = [
        EnvironmentCheck(), QueuesExistCheck(), ConsumerAttachedCheck(), DatabaseCheck(), WorkerDeploymentsCheck(),
        QueueDepthCheck(), ProducerCronCheck(), ConsumerBehaviourCheck(), ImportWorkerCheck(),
    ]
}
