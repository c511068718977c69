import FlareS3
import Foundation

/// How `swiftflare dev` (or a test) runs the emulator.
public struct RuntimeOptions: Sendable {
    /// Where local state lives (`.wrangler/state` by default).
    public var persistRoot: URL
    /// The first HTTP port (the primary worker's); others follow consecutively.
    public var port: Int
    /// The address to bind (loopback by default).
    public var ip: String
    /// The worker served on `port` (default: the first config with a fetch handler).
    public var primaryWorker: String?
    /// Put the error in the body of 500 responses when a worker throws.
    public var showErrors: Bool
    /// Fire crons on schedule.
    public var cronEnabled: Bool
    /// Run missed cron triggers once after a stop.
    public var cronCatchUp: Bool
    /// Serve `/__scheduled` as `wrangler dev --test-scheduled` does.
    public var testScheduled: Bool
    /// How long in-flight requests and batches may take to finish on shutdown.
    public var shutdownGrace: Duration
    /// Extra hosts (besides loopback) allowed to call `/cdn-cgi/*` control routes.
    public var controlHosts: Set<String>
    /// Apply D1 migrations of each database at start (fresh state: all of them).
    public var applyMigrations: Bool
    /// The credentials of the S3 endpoint (`/cdn-cgi/local/r2/s3`); `nil` turns it off.
    public var s3Credentials: S3Credentials? = .localDefault
    /// A port serving the S3 endpoint at its root (path- and virtual-host-style), when set.
    public var s3Port: Int?

    /// Creates options; every parameter has the `swiftflare dev` default.
    public init(
        persistRoot: URL = URL(fileURLWithPath: ".wrangler/state"),
        port: Int = 8787,
        ip: String = "127.0.0.1",
        primaryWorker: String? = nil,
        showErrors: Bool = true,
        cronEnabled: Bool = true,
        cronCatchUp: Bool = false,
        testScheduled: Bool = false,
        shutdownGrace: Duration = .seconds(10),
        controlHosts: Set<String> = [],
        applyMigrations: Bool = true
    ) {
        self.persistRoot = persistRoot
        self.port = port
        self.ip = ip
        self.primaryWorker = primaryWorker
        self.showErrors = showErrors
        self.cronEnabled = cronEnabled
        self.cronCatchUp = cronCatchUp
        self.testScheduled = testScheduled
        self.shutdownGrace = shutdownGrace
        self.controlHosts = controlHosts
        self.applyMigrations = applyMigrations
    }

    /// Whether `ip` names a loopback address (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(ip: String) -> Bool {
        ip == "localhost" || ip == "::1" || ip.hasPrefix("127.")
    }
}
