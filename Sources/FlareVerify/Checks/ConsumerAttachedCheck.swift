import FlareQueues

/// Test 2 (2a–2c): the consumer worker consumes the queue with batch size 100 and concurrency 5,
/// in its normalised config and in the broker (what the last `swiftflare dev` registered).
public struct ConsumerAttachedCheck: DeploymentCheck {
    /// Creates the check.
    public init() {}

    /// 2b and 2c run only when 2a passes, as in the script.
    public func evaluate(_ facts: DeploymentFacts) -> ReportSection {
        let queue = CoinswarmDeployment.queue
        let name = CoinswarmDeployment.consumer
        let configured = facts.config(name)?.queueConsumers.first { $0.queue == queue }
        let info = facts.queue(queue)
        var lines: [ReportLine] = [
            .info("Reading: the consumer of \(queue) in the broker and [[queues.consumers]] of \(name)")
        ]
        lines.append(.text("Consumer info result: \(Self.describe(info))"))
        var problems: [String] = []
        if configured == nil { problems.append("no loaded config of \(name) consumes \(queue)") }
        if info?.consumerWorker != name {
            problems.append(
                info?.consumerWorker.map { "the broker has \($0) as the consumer" }
                    ?? "the broker has no consumer registered for \(queue): start `swiftflare dev`")
        } else if facts.live, info?.consumerAttached != true {
            problems.append("the dev server has no consumer attached to \(queue)")
        }
        guard problems.isEmpty, let configured, let settings = info?.consumer else {
            lines.append(.fail("2a", "Consumer not attached to queue"))
            lines += problems.map { .info($0) }
            return ReportSection(title: "Test 2: Verifying queue consumer...", blankLinesBefore: 2, lines: lines)
        }
        lines.append(.pass("2a", "Consumer attached to queue"))
        let batch = CoinswarmDeployment.batchSize
        if configured.maxBatchSize == batch, settings.maxBatchSize == batch {
            lines.append(.pass("2b", "Consumer batch size: \(batch)"))
        } else {
            lines.append(.warn("2b", "Consumer batch size may not be configured correctly"))
            lines.append(
                .info(
                    "max_batch_size: \(configured.maxBatchSize) in the config, \(settings.maxBatchSize) in the broker"))
        }
        let concurrency = CoinswarmDeployment.concurrency
        if configured.maxConcurrency == concurrency, settings.maxConcurrency == concurrency {
            lines.append(.pass("2c", "Consumer concurrency: \(concurrency)"))
        } else {
            lines.append(.warn("2c", "Consumer concurrency may not be configured correctly"))
            let configValue = configured.maxConcurrency.map(String.init) ?? "not set"
            lines.append(
                .info("max_concurrency: \(configValue) in the config, \(settings.maxConcurrency) in the broker"))
        }
        return ReportSection(title: "Test 2: Verifying queue consumer...", blankLinesBefore: 2, lines: lines)
    }

    static func describe(_ info: QueueInfo?) -> String {
        guard let info, let settings = info.consumer else { return "no consumer registered" }
        return "worker=\(info.consumerWorker ?? "?") max_batch_size=\(settings.maxBatchSize) "
            + "max_concurrency=\(settings.maxConcurrency) max_retries=\(settings.maxRetries) "
            + "dead_letter_queue=\(settings.deadLetterQueue ?? "none")"
    }
}
