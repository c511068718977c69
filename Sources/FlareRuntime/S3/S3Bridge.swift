import FlareS3
import FlareWorkerAPI
import Foundation
import HTTPTypes
import Hummingbird

/// Hands a dev-server request to the S3 endpoint and its answer back, streaming both bodies.
enum S3Bridge {
    /// The S3 answer to `request`.
    static func respond(_ request: Request, service: S3Service) async -> Response {
        let length = request.headers[.contentLength].flatMap { Int($0) }
        let s3Request = S3Request(
            method: request.method, path: request.uri.path, query: request.uri.query, authority: request.head.authority,
            headers: request.headers, body: HTTPConversion.body(of: request, length: length))
        let answer = await service.handle(s3Request)
        if request.method == .head {
            // The headers (Content-Length included) describe the object; a HEAD answer has no body.
            return Response(status: answer.status, headers: answer.headers, body: ResponseBody())
        }
        var response = HTTPConversion.response(
            WorkerResponse(status: answer.status, headers: answer.headers, body: answer.body))
        if answer.status == .notModified { response.headers[.contentLength] = nil }
        return response
    }
}

/// Answers every request on the `--s3-port`: the S3 API at the root, path-style or
/// virtual-host-style (`<bucket>.localhost`), to loopback clients naming a loopback host.
struct S3Responder: HTTPResponder {
    typealias Context = FlareRequestContext

    let service: S3Service
    let options: RuntimeOptions

    func respond(to request: Request, context: FlareRequestContext) async throws -> Response {
        guard
            ControlAccess.allows(
                address: context.remoteAddress, host: request.head.authority, origin: request.headers[.origin],
                extraHosts: options.controlHosts)
        else {
            return HTTPConversion.text(
                "Forbidden: the S3 endpoint is only served to loopback clients naming a loopback host",
                status: .forbidden)
        }
        return await S3Bridge.respond(request, service: service)
    }
}
