import Hummingbird
import NIOCore

/// The request context of the dev server: Hummingbird's core storage plus the peer address, which
/// the `/cdn-cgi/*` control routes check (loopback only by default).
public struct FlareRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The client's address.
    public let remoteAddress: SocketAddress?

    /// Creates the context from the accepted channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies are streamed to workers; the limit only applies when a body is collected.
    public var maxUploadSize: Int { 100 * 1024 * 1024 }
}
