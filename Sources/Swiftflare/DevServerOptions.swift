import ArgumentParser

/// Where the running `swiftflare dev` listens, for commands that talk to it.
struct DevServerOptions: ParsableArguments {
    /// The dev server's (primary) port.
    @Option(help: "The running `swiftflare dev`'s port.")
    var port: Int = 8787

    /// The dev server's address.
    @Option(help: "The running `swiftflare dev`'s address.")
    var ip: String = "127.0.0.1"

    /// A client for the control routes.
    var client: DevServerClient { DevServerClient(ip: ip, port: port) }
}
