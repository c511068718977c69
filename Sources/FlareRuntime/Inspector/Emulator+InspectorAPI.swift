import FlareQueues
import FlareWorkerAPI
import Foundation
import HTTPTypes

extension Emulator {
    /// `/cdn-cgi/local/api/…`: the inspector's data as JSON, for the page and for scripts
    /// (docs/inspector.md lists the routes). What the control routes already answer is passed to
    /// them; the live log stream (`api/logs`) is served by the dev server itself.
    func inspectorAPI(method: HTTPRequest.Method, parts: [String], query: [String: String], body: Data?)
        async throws -> WorkerResponse
    {
        let rest = Array(parts.dropFirst())
        switch (method, parts.first ?? "") {
        case (.get, "queues") where rest.isEmpty:
            return .json(.array(try await inspectorQueues()))
        case (_, "queues"):
            return try await queueControl(method: method, parts: rest, query: query, body: body)
        case (.get, "workers"):
            return try .json(encoding: workerSummaries())
        case (.get, "crons"):
            return .json(try await inspectorCrons(count: query["count"].flatMap(Int.init) ?? 5))
        case (.post, "crons") where rest.count == 1:
            return await control(method: .post, path: "/cdn-cgi/local/cron/\(rest[0])", query: query, body: body)
        case (_, "d1"):
            return try await inspectorD1(method: method, parts: rest, query: query, body: body)
        case (_, "r2"):
            return try await inspectorR2(method: method, parts: rest, query: query, body: body)
        case (.get, "logs") where rest == ["recent"]:
            let filter = EventFilter(query: query)
            return try .json(encoding: events.recentEvents.filter(filter.matches))
        default:
            return .text(
                "Unknown inspector API route \(method.rawValue) /\(parts.joined(separator: "/"))", status: .notFound)
        }
    }

    /// Every queue's figures (``QueueInfo``) with `total`, `deadLetterQueue` and `throughput`:
    /// messages delivered in each of the last windows of the emulator clock, oldest first.
    func inspectorQueues() async throws -> [JSONValue] {
        let now = clock.nowMilliseconds()
        let throughput = events.throughput
        return try await queueBroker().listQueues().map { info in
            var object = try Self.jsonObject(info)
            object["total"] = .int(Int64(info.total))
            object["deadLetterQueue"] = info.consumer?.deadLetterQueue.map(JSONValue.string) ?? .null
            object["throughput"] = .array(throughput.series(queue: info.name, now: now).map { .int(Int64($0)) })
            object["throughputWindowSeconds"] = .int(throughput.windowMilliseconds / 1000)
            return .object(object)
        }
    }

    /// The clock (`manual` or `system`, and its time) and each cron trigger's next fire times.
    func inspectorCrons(count: Int) async throws -> JSONValue {
        let triggers = try await cronReport(count: count)
        return .object([
            "clock": .string(clock is ManualClock ? "manual" : "system"),
            "now": .string(ISO8601DateFormatter().string(from: clock.now())),
            "triggers": .array(try triggers.map { .object(try Self.jsonObject($0)) }),
        ])
    }

    /// `value` encoded as the control routes encode it, as a JSON object.
    static func jsonObject(_ value: some Encodable) throws -> [String: JSONValue] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONDecoder().decode([String: JSONValue].self, from: encoder.encode(value))
    }

    /// An error as the inspector API reports it: `{"error": "<message>"}`.
    static func apiError(_ message: String, status: HTTPResponse.Status = .badRequest) -> WorkerResponse {
        .json(["error": .string(message)], status: status)
    }
}
