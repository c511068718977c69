import FlareWorkerAPI
import Foundation

/// Text and JSON renderings of queue inspection results, for `swiftflare queues`.
public enum QueueReport {
    /// Pretty, key-sorted JSON of any inspection value.
    /// - Throws: `EncodingError` (not expected for these types).
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A table of queues: name, backlog, in flight, delayed, DLQ depth, consumer, paused.
    public static func table(_ queues: [QueueInfo]) -> String {
        var rows = [["QUEUE", "BACKLOG", "IN-FLIGHT", "DELAYED", "DLQ", "CONSUMER", "PAUSED"]]
        for queue in queues {
            rows.append([
                queue.name, "\(queue.backlog)", "\(queue.inFlight)", "\(queue.delayed)",
                queue.consumer?.deadLetterQueue.map { "\($0) (\(queue.deadLetterDepth ?? 0))" } ?? "-",
                queue.consumer.map { consumerSummary($0, worker: queue.consumerWorker) } ?? "-",
                queue.paused ? "yes" : "no",
            ])
        }
        return render(rows)
    }

    /// A one-queue description.
    public static func describe(_ queue: QueueInfo) -> String {
        var lines = [
            "queue:      \(queue.name)",
            "backlog:    \(queue.backlog) ready, \(queue.inFlight) in flight, \(queue.delayed) delayed "
                + "(\(queue.bytes) bytes)",
            "paused:     \(queue.paused ? "yes" : "no")",
        ]
        if let oldest = queue.oldestMessageTimestamp {
            lines.append("oldest:     \(Date(timeIntervalSince1970: Double(oldest) / 1000))")
        }
        if let consumer = queue.consumer {
            lines.append("consumer:   \(consumerSummary(consumer, worker: queue.consumerWorker))")
            lines.append(
                "settings:   max_batch_size=\(consumer.maxBatchSize) max_batch_timeout=\(consumer.maxBatchTimeout) "
                    + "max_retries=\(consumer.maxRetries) retry_delay=\(consumer.retryDelay) "
                    + "max_concurrency=\(consumer.maxConcurrency)")
            if let dlq = consumer.deadLetterQueue {
                lines.append("dlq:        \(dlq) (\(queue.deadLetterDepth ?? 0) messages)")
            }
        } else {
            lines.append("consumer:   none (messages are kept until a consumer attaches)")
        }
        return lines.joined(separator: "\n")
    }

    /// One line per peeked message.
    public static func table(_ messages: [PeekedMessage]) -> String {
        var rows = [["ID", "ATTEMPTS", "NEXT DELIVERY", "STATE", "BODY"]]
        for message in messages {
            let body: String
            if let value = message.body {
                body = value.jsonString()
            } else {
                body = "<\(message.size) bytes>"
            }
            rows.append([
                message.id, "\(message.failedAttempts)",
                "\(Date(timeIntervalSince1970: Double(message.nextDelivery) / 1000))",
                message.inFlight ? "in flight" : "waiting", body.count > 80 ? String(body.prefix(77)) + "..." : body,
            ])
        }
        return render(rows)
    }

    private static func consumerSummary(_ settings: QueueConsumerSettings, worker: String?) -> String {
        "\(worker ?? "consumer") (batch \(settings.maxBatchSize), retries \(settings.maxRetries))"
    }

    private static func render(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
