import ArgumentParser
import FlareQueues

extension QueuesCommand {
    /// `swiftflare queues consumer add|remove`, as wrangler's.
    struct Consumer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register or remove a queue's consumer settings.", subcommands: [Add.self, Remove.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Register consumer settings for a queue.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The queue name.") var queue: String
            @Argument(help: "The consumer worker's name.") var scriptName: String
            @Option(name: .customLong("batch-size"), help: "max_batch_size (0...100).") var batchSize = 5
            @Option(name: .customLong("batch-timeout"), help: "max_batch_timeout in seconds (0...60).")
            var batchTimeout = 1.0
            @Option(name: .customLong("message-retries"), help: "max_retries (0...100).") var retries = 2
            @Option(name: .customLong("dead-letter-queue"), help: "dead_letter_queue.") var deadLetterQueue: String?
            @Option(name: .customLong("max-concurrency"), help: "max_concurrency (1...250).") var maxConcurrency = 1
            @Option(name: .customLong("retry-delay-secs"), help: "retry_delay in seconds (0...86400).")
            var retryDelay = 0

            func validate() throws {
                guard (0...100).contains(batchSize) else { throw ValidationError("--batch-size must be 0...100.") }
                guard (0...60).contains(batchTimeout) else { throw ValidationError("--batch-timeout must be 0...60.") }
                guard (0...100).contains(retries) else { throw ValidationError("--message-retries must be 0...100.") }
                guard (1...250).contains(maxConcurrency) else {
                    throw ValidationError("--max-concurrency must be 1...250.")
                }
                guard (0...86_400).contains(retryDelay) else {
                    throw ValidationError("--retry-delay-secs must be 0...86400.")
                }
            }

            func run() async throws {
                let settings = QueueConsumerSettings(
                    maxBatchSize: batchSize, maxBatchTimeout: batchTimeout, maxRetries: retries,
                    deadLetterQueue: deadLetterQueue, maxConcurrency: maxConcurrency, retryDelay: retryDelay)
                try await QueuesCommand.broker(global).registerConsumer(
                    queue: queue, settings: settings, worker: scriptName)
                print("Added consumer \(scriptName) to queue \(queue).")
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a queue's consumer settings.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The queue name.") var queue: String
            @Argument(help: "The consumer worker's name (accepted for wrangler compatibility).") var scriptName: String?

            func run() async throws {
                guard try await QueuesCommand.broker(global).unregisterConsumer(queue: queue) else {
                    throw ValidationError("Queue \(queue) has no registered consumer.")
                }
                print("Removed the consumer of queue \(queue).")
            }
        }
    }

    /// `swiftflare queues dlq redrive <dlq> [--to <queue>]`.
    struct DeadLetter: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dlq", abstract: "Work with dead-letter queues.", subcommands: [Redrive.self])

        struct Redrive: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Move a dead-letter queue's messages back to their source queue (or --to).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The dead-letter queue.") var deadLetterQueue: String
            @Option(help: "The queue to move them to (default: the queue whose consumer uses this DLQ).")
            var to: String?

            func run() async throws {
                let result = try await QueuesCommand.broker(global).redrive(deadLetterQueue: deadLetterQueue, to: to)
                print(
                    "Moved \(result.moved) message\(result.moved == 1 ? "" : "s") from \(deadLetterQueue) to \(result.queue)."
                )
            }
        }
    }
}
