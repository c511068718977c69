import FlareCron
import FlareQueues
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension Emulator {
    /// Answers the JSON control routes under `/cdn-cgi/local/` (queues, workers, cron, r2), which
    /// `swiftflare queues|cron|tail` and the inspector use against a running emulator.
    public func control(
        method: HTTPRequest.Method, path: String, query: [String: String], body: Data?
    ) async -> WorkerResponse {
        let parts = Array(path.split(separator: "/").map(String.init).dropFirst(2))  // drop "cdn-cgi", "local"
        do {
            switch parts.first {
            case "workers" where method == .get:
                return try .json(encoding: workerSummaries())
            case "inspector" where method == .get:
                return try await inspectorPage(parts: Array(parts.dropFirst()))
            case "api":
                do {
                    return try await inspectorAPI(
                        method: method, parts: Array(parts.dropFirst()), query: query, body: body)
                } catch {
                    return Self.apiError("\(error)")
                }
            case "r2":
                return try await r2Control(method: method, path: path, query: query, body: body)
            case "queues":
                return try await queueControl(method: method, parts: Array(parts.dropFirst()), query: query, body: body)
            case "cron" where parts.count == 1 && method == .get:
                return try .json(encoding: try await cronReport(count: query["count"].flatMap(Int.init) ?? 5))
            case "cron" where parts.count == 2 && parts[1] == "trigger" && method == .post:
                guard let worker = query["worker"] else { return .text("worker is required", status: .badRequest) }
                let time = query["time"].flatMap { Int64($0) }.map { Date(timeIntervalSince1970: Double($0) / 1000) }
                guard let outcome = await scheduled(worker: worker, cron: query["cron"] ?? "", time: time) else {
                    return .text("No worker named \(worker)", status: .notFound)
                }
                return try .json(encoding: outcome, status: outcome.outcome == "ok" ? .ok : .internalServerError)
            case "cron" where parts.count == 2 && parts[1] == "advance" && method == .post:
                return await advanceClock(query: query)
            default:
                return .text("Unknown control route \(method.rawValue) \(path)", status: .notFound)
            }
        } catch {
            return .text("\(error)", status: .badRequest)
        }
    }

    /// `/cdn-cgi/local/queues[/<name>[/messages|send|purge|pause|resume|redrive]]`.
    func queueControl(
        method: HTTPRequest.Method, parts: [String], query: [String: String], body: Data?
    ) async throws -> WorkerResponse {
        let broker = try queueBroker()
        guard let name = parts.first else {
            return try .json(encoding: try await broker.listQueues())
        }
        let action = parts.count > 1 ? parts[1] : ""
        switch (method, action) {
        case (.get, ""):
            return try .json(encoding: try await broker.info(queue: name))
        case (.get, "messages"):
            return try .json(
                encoding: try await broker.peek(queue: name, limit: query["limit"].flatMap(Int.init) ?? 10))
        case (.post, "send"):
            let sent = try await broker.send(queue: name, ndjson: String(decoding: body ?? Data(), as: UTF8.self))
            return .json(["sent": .int(Int64(sent))])
        case (.post, "purge"):
            return .json(["purged": .int(Int64(try await broker.purge(queue: name)))])
        case (.post, "pause"):
            try await broker.pause(queue: name)
            return .json(["paused": true])
        case (.post, "resume"):
            try await broker.resume(queue: name)
            return .json(["paused": false])
        case (.post, "redrive"):
            let result = try await broker.redrive(deadLetterQueue: name, to: query["to"])
            return .json(["moved": .int(Int64(result.moved)), "queue": .string(result.queue)])
        default:
            return .text("Unknown queue control route \(method.rawValue) \(action)", status: .notFound)
        }
    }

    func queueBroker() throws -> LocalQueueBroker {
        guard let broker = resources?.broker else { throw EmulatorError(messages: ["The emulator is not started"]) }
        return broker
    }

    func cronReport(count: Int) async throws -> [CronTriggerReport] {
        guard let scheduler = resources?.scheduler else { return [] }
        let formatter = ISO8601DateFormatter()
        return await scheduler.nextFireTimes(count: count).map {
            CronTriggerReport(worker: $0.worker, cron: $0.cron, next: $0.nextFireTimes.map(formatter.string(from:)))
        }
    }

    /// `POST /cdn-cgi/local/cron/advance?seconds=N` or `?to=ISO`: only with `--clock manual`.
    func advanceClock(query: [String: String]) async -> WorkerResponse {
        guard let manual = clock as? ManualClock else {
            return .text(
                "The clock is not manual: start `swiftflare dev --clock manual` to advance time", status: .conflict)
        }
        let target: Date?
        if let seconds = query["seconds"].flatMap(Double.init) {
            target = manual.now().addingTimeInterval(seconds)
        } else if let iso = query["to"] {
            target = ISO8601DateFormatter().date(from: iso)
        } else {
            target = nil
        }
        guard let target, target >= manual.now() else {
            return .text("Give ?seconds=N or ?to=<ISO 8601 time in the future>", status: .badRequest)
        }
        await manual.advance(to: target)
        await settle()
        let formatter = ISO8601DateFormatter()
        return .json(["now": .string(formatter.string(from: manual.now()))])
    }

    /// Each worker with its handlers, bindings and URL.
    public func workerSummaries() -> [WorkerSummary] {
        let ports = Dictionary(portAssignments().map { ($0.worker, $0.port) }, uniquingKeysWith: { first, _ in first })
        return workers.map { host in
            WorkerSummary(
                name: host.name, configPath: host.config.configPath,
                handlers: [
                    host.hasFetch ? "fetch" : nil, host.hasQueue ? "queue" : nil, host.hasScheduled ? "scheduled" : nil,
                ]
                .compactMap { $0 },
                url: ports[host.name].map { "http://\(options.ip):\($0)" },
                bindings: host.env.bindings.keys.sorted().map { "\($0) (\(host.env.bindings[$0]!.kindName))" },
                crons: host.config.crons,
                consumes: host.config.queueConsumers.map(\.queue))
        }
    }
}

/// A worker as the control API and the startup table describe it.
public struct WorkerSummary: Sendable, Codable, Equatable {
    /// The worker's name.
    public var name: String
    /// The config file.
    public var configPath: String
    /// `fetch`, `queue`, `scheduled`.
    public var handlers: [String]
    /// Its own URL, when it serves HTTP.
    public var url: String?
    /// `NAME (kind)` for each binding.
    public var bindings: [String]
    /// Cron triggers.
    public var crons: [String]
    /// Queues it consumes.
    public var consumes: [String]
}

/// A cron trigger and its next fire times (UTC, ISO 8601), as `GET /cdn-cgi/local/cron` returns them.
public struct CronTriggerReport: Sendable, Codable, Equatable {
    /// The worker.
    public var worker: String
    /// The expression.
    public var cron: String
    /// The next fire times.
    public var next: [String]
}
