import FlareS3
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// Answers every request on one of the dev server's ports: the `/cdn-cgi/*` control routes,
/// `/__scheduled` (with `--test-scheduled`), `/<worker>/…` on the primary port, and otherwise the
/// port's own worker.
struct DevResponder: HTTPResponder {
    typealias Context = FlareRequestContext

    /// The control paths Miniflare (v5, v4, legacy) accepts for triggering `scheduled`.
    static let scheduledPaths: Set<String> = [
        "/cdn-cgi/local/scheduled", "/cdn-cgi/handler/scheduled", "/cdn-cgi/mf/scheduled",
    ]

    let emulator: Emulator
    let port: Int
    /// The worker this port serves.
    let workerName: String
    /// Whether this is the primary port, which also serves `/<worker>/…` for every worker.
    let isPrimary: Bool
    let options: RuntimeOptions
    let logger: Logger
    /// The S3 endpoint under `/cdn-cgi/local/r2/s3` (before the `/cdn-cgi/local/r2/` control route).
    var s3: S3Service?

    func respond(to request: Request, context: FlareRequestContext) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/cdn-cgi/") {
            guard
                ControlAccess.allows(
                    address: context.remoteAddress, host: request.head.authority,
                    origin: request.headers[.origin], extraHosts: options.controlHosts)
            else {
                return HTTPConversion.text(
                    "Forbidden: /cdn-cgi/ routes are only served to loopback clients naming a loopback host",
                    status: .forbidden)
            }
            if let s3, path == Emulator.s3PathPrefix || path.hasPrefix(Emulator.s3PathPrefix + "/") {
                return await S3Bridge.respond(request, service: s3)
            }
            return await control(request, path: path)
        }
        if options.testScheduled && path == "/__scheduled" {
            let cron = Self.queryValue(request, "cron") ?? ""
            _ = await emulator.scheduled(worker: workerName, cron: cron, time: nil)
            return HTTPConversion.text("Ran scheduled event")
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxWorkerBody {
            return HTTPConversion.text(
                "Payload Too Large: request bodies are limited to \(Self.maxWorkerBody) bytes",
                status: .contentTooLarge)
        }
        var target = workerName
        var prefix: String?
        if isPrimary, let first = path.split(separator: "/").first.map(String.init), first != workerName,
            await emulator.servesFetch(first)
        {
            target = first
            prefix = "/\(first)"
        }
        guard let host = await emulator.host(named: target) else {
            return HTTPConversion.text("No worker named \(target)", status: .notFound)
        }
        let workerRequest = HTTPConversion.workerRequest(request, port: port, stripping: prefix)
        let response = await host.fetch(workerRequest, showErrors: options.showErrors)
        return HTTPConversion.response(response)
    }

    private func control(_ request: Request, path: String) async -> Response {
        if Self.scheduledPaths.contains(path) {
            if path == "/cdn-cgi/mf/scheduled" {
                logger.warning("\(Self.legacyScheduledWarning)")
            }
            return await scheduled(request)
        }
        if path.hasPrefix("/cdn-cgi/handler/") {
            return HTTPConversion.text(
                "\"\(path)\" is not a valid handler. Did you mean to use \"/cdn-cgi/handler/scheduled\" or "
                    + "\"/cdn-cgi/handler/email\"?", status: .notFound)
        }
        if path == "/cdn-cgi/local/tail" || path == "/cdn-cgi/local/api/logs" {
            return tail(request)
        }
        let query = Dictionary(
            QueryString.parse(request.uri.query).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let body: Data
        do {
            body = try await Self.collect(request)
        } catch {
            // An oversized body must not be mistaken for an empty one (an empty send or put).
            return HTTPConversion.text(
                "Payload Too Large: control request bodies are limited to \(Self.maxControlBody) bytes",
                status: .contentTooLarge)
        }
        let answer = await emulator.control(method: request.method, path: path, query: query, body: body)
        return HTTPConversion.response(answer)
    }

    /// `/cdn-cgi/local/scheduled?cron=&time=&format=json`: 200 `ok` or 500 with the outcome.
    private func scheduled(_ request: Request) async -> Response {
        let cron = Self.queryValue(request, "cron") ?? ""
        let time = Self.queryValue(request, "time").flatMap { Self.parseIntPrefix($0) }.map {
            Date(timeIntervalSince1970: Double($0) / 1000)
        }
        let worker = Self.queryValue(request, "worker") ?? workerName
        guard let outcome = await emulator.scheduled(worker: worker, cron: cron, time: time) else {
            return HTTPConversion.text("No worker named \(worker)", status: .notFound)
        }
        let status: HTTPResponse.Status = outcome.outcome == "ok" ? .ok : .internalServerError
        if Self.queryValue(request, "format") == "json" {
            return HTTPConversion.json(outcome, status: status)
        }
        return HTTPConversion.text(outcome.outcome, status: status)
    }

    /// Server-sent events of the runtime's events, for `swiftflare tail` and the inspector's live
    /// logs: `?worker=` and `?level=` (the least severe level) filter them; `?history=1` first
    /// replays the recent events the hub keeps.
    private func tail(_ request: Request) -> Response {
        let filter = EventFilter(
            worker: Self.queryValue(request, "worker"), minimumLevel: Self.queryValue(request, "level"))
        let history = Self.queryValue(request, "history") == "1" ? emulator.events.recentEvents : []
        let stream = emulator.events.subscribe()
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": swiftflare tail\n\n"))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for event in history where filter.matches(event) {
                let json = String(decoding: try encoder.encode(event), as: UTF8.self)
                try await writer.write(ByteBuffer(string: "data: \(json)\n\n"))
            }
            // An open stream must not hold up a graceful shutdown (SIGINT/SIGTERM): the server
            // waits for in-flight responses, and this one never ends on its own.
            for await event in stream.cancelOnGracefulShutdown() where filter.matches(event) {
                let json = String(decoding: try encoder.encode(event), as: UTF8.self)
                try await writer.write(ByteBuffer(string: "data: \(json)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static let legacyScheduledWarning =
        "Triggering scheduled handlers via a request to `/cdn-cgi/mf/scheduled` is deprecated, and will be "
        + "removed in a future version of Miniflare. Instead, send a request to `/cdn-cgi/handler/scheduled`"

    static func queryValue(_ request: Request, _ name: String) -> String? {
        QueryString.value(name, in: request.uri.query)
    }

    /// JavaScript's `parseInt`: the leading integer of the string, if any.
    static func parseIntPrefix(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = ""
        for (index, character) in trimmed.enumerated() {
            if character.isASCII && character.isNumber || (index == 0 && (character == "-" || character == "+")) {
                digits.append(character)
            } else {
                break
            }
        }
        return Int64(digits)
    }

    /// The largest body a control route reads (an NDJSON send, an R2 put).
    static let maxControlBody = 32 * 1024 * 1024
    /// The largest declared body a worker is given: Cloudflare's request body limit (Free and Pro plans).
    static let maxWorkerBody = 100 * 1024 * 1024

    static func collect(_ request: Request) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: maxControlBody)
        return Data(buffer.readableBytesView)
    }
}
