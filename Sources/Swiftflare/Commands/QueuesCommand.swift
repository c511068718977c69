import ArgumentParser
import FlareQueues
import FlareWorkerAPI
import Foundation
import Logging

/// `swiftflare queues`: Inspect and control local queues.
struct QueuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues", abstract: "Inspect and control local queues.",
        subcommands: [
            List.self, Create.self, Delete.self, Info.self, Consumer.self, Send.self, Peek.self, Purge.self,
            Pause.self, Resume.self, DeadLetter.self,
        ])

    /// Opens the broker database of the persist root without touching in-flight state.
    static func broker(_ global: GlobalOptions) throws -> LocalQueueBroker {
        var logger = Logger(label: "swiftflare.queues")
        logger.logLevel = Logger.Level(rawValue: global.logLevel) ?? .info
        return try LocalQueueBroker(
            persistRoot: URL(fileURLWithPath: global.persistTo ?? ".wrangler/state"), logger: logger,
            recoverInFlight: false)
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List queues with backlog, in-flight and DLQ depth.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let queues = try await QueuesCommand.broker(global).listQueues()
            print(json ? try QueueReport.json(queues) : QueueReport.table(queues))
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a queue.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String

        func run() async throws {
            try await QueuesCommand.broker(global).createQueue(queue)
            print("Created queue \(queue).")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a queue and its messages.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String

        func run() async throws {
            let deleted = try await QueuesCommand.broker(global).deleteQueue(queue)
            print("Deleted queue \(queue) (\(deleted) messages).")
        }
    }

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a queue's figures and consumer settings.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let info = try await QueuesCommand.broker(global).info(queue: queue)
            print(json ? try QueueReport.json(info) : QueueReport.describe(info))
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a JSON message, or one message per line of an NDJSON file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String
        @Argument(help: "The message body, as JSON.") var body: String?
        @Option(help: "An NDJSON file: one JSON message per line ('-' for stdin).") var file: String?
        @Option(name: .customLong("delay-secs"), help: "Delivery delay in seconds (0...86400).") var delay: Int?

        func validate() throws {
            if (body == nil) == (file == nil) { throw ValidationError("Give either a JSON body or --file, not both.") }
        }

        func run() async throws {
            let text: String
            if let file {
                let data =
                    file == "-"
                    ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = body ?? ""
                guard !text.contains("\n") || file != nil else {
                    throw ValidationError("A JSON body must be one line; use --file for NDJSON.")
                }
            }
            let sent = try await QueuesCommand.broker(global).send(queue: queue, ndjson: text, delaySeconds: delay)
            print("Sent \(sent) message\(sent == 1 ? "" : "s") to \(queue).")
        }
    }

    struct Peek: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show messages without consuming them.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String
        @Option(help: "How many messages to show.") var limit = 10
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let messages = try await QueuesCommand.broker(global).peek(queue: queue, limit: limit)
            print(json ? try QueueReport.json(messages) : QueueReport.table(messages))
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete every waiting message of a queue.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String

        func run() async throws {
            let deleted = try await QueuesCommand.broker(global).purge(queue: queue)
            print("Purged \(deleted) message\(deleted == 1 ? "" : "s") from \(queue).")
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pause", abstract: "Pause delivery from a queue (sends are still accepted).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String

        func run() async throws {
            try await QueuesCommand.broker(global).pause(queue: queue)
            print("Paused delivery from \(queue).")
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume", abstract: "Resume delivery from a queue.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The queue name.") var queue: String

        func run() async throws {
            try await QueuesCommand.broker(global).resume(queue: queue)
            print("Resumed delivery from \(queue).")
        }
    }
}
