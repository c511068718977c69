import HTTPTypes
import Hummingbird
import HummingbirdCore

extension HTTPServerBuilder {
    /// HTTP/1.1 that answers `Expect: 100-continue` with `100 Continue` before the responder runs.
    ///
    /// Clients that send the header (curl for bodies over 1 MiB, boto3 and the AWS CLI for file
    /// uploads) otherwise wait a second for the interim answer before they send the body.
    static func http1AnsweringContinue() -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            HTTP1Channel(
                responder: { request, writer, channel in
                    if request.headers[.expect]?.lowercased() == "100-continue" {
                        try await writer.writeInformationalHead(HTTPResponse(status: .continue))
                    }
                    try await responder(request, writer, channel)
                }, configuration: HTTP1Channel.Configuration())
        }
    }
}
