import FlareWorkerAPI
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Converts between Hummingbird's request/response and the worker-facing types, streaming bodies.
enum HTTPConversion {
    /// The worker request for a server request; `pathPrefix` is stripped (for `/<worker>/…` routes).
    static func workerRequest(_ request: Request, port: Int, stripping pathPrefix: String? = nil) -> WorkerRequest {
        let host = request.head.authority ?? "127.0.0.1:\(port)"
        var path = request.uri.path
        if let pathPrefix, path.hasPrefix(pathPrefix) {
            path = String(path.dropFirst(pathPrefix.count))
            if path.isEmpty { path = "/" }
        }
        let query = request.uri.query.map { "?\($0)" } ?? ""
        let url = URL(string: "http://\(host)\(path)\(query)") ?? URL(string: "http://127.0.0.1:\(port)/")!
        let length = request.headers[.contentLength].flatMap { Int($0) }
        return WorkerRequest(
            method: request.method, url: url, headers: request.headers, body: body(of: request, length: length),
            cf: ["colo": "LOCAL", "country": "XX", "httpProtocol": "HTTP/1.1"])
    }

    /// The request body as the worker reads it. HTTP/1.1 without `Content-Length` or
    /// `Transfer-Encoding` has no body. Otherwise the body is read lazily, in the worker's own
    /// task, when (and only if) the worker reads it: a reader running beside the server would race
    /// the server draining an unread body and break keep-alive connections.
    static func body(of request: Request, length: Int?) -> WorkerBody {
        if length == 0 || (length == nil && request.headers[.transferEncoding] == nil) { return .empty }
        let reader = BodyReader(request.body)
        let stream = AsyncThrowingStream<Data, any Error> {
            try await reader.next()
        }
        return WorkerBody(stream: stream, knownLength: length)
    }

    /// The server response for a worker response; buffered bodies get a content length.
    static func response(_ response: WorkerResponse) -> Response {
        var headers = response.headers
        if let data = response.body.bufferedData {
            headers[.contentLength] = String(data.count)
            return Response(
                status: response.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
        }
        let chunks = response.body.chunks()
        let body = ResponseBody(contentLength: response.body.knownLength) { writer in
            for try await chunk in chunks {
                try await writer.write(ByteBuffer(data: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: response.status, headers: headers, body: body)
    }

    /// A plain-text response.
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        self.response(.text(text, status: status))
    }

    /// A JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        do {
            return self.response(try .json(encoding: value, status: status))
        } catch {
            return text("Could not encode response: \(error)", status: .internalServerError)
        }
    }
}

/// The iterator of one request body. `@unchecked Sendable`: a `WorkerBody` stream has a single
/// reader, so `next()` is never called concurrently.
private final class BodyReader: @unchecked Sendable {
    private var iterator: RequestBody.AsyncIterator

    init(_ body: RequestBody) {
        iterator = body.makeAsyncIterator()
    }

    func next() async throws -> Data? {
        guard let buffer = try await iterator.next() else { return nil }
        return Data(buffer.readableBytesView)
    }
}
