import FlareR2
import FlareS3
import FlareWorkerAPI
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

extension Emulator {
    /// The dev port's mount point of the S3 endpoint.
    public static let s3PathPrefix = "/cdn-cgi/local/r2/s3"

    /// The S3 endpoint over this emulator's buckets: buckets a worker binds are the very same open
    /// ``LocalR2Bucket``s, and buckets created through S3 join that set. `nil` before ``start()``.
    func makeS3Service(pathPrefix: String, virtualHostSuffix: String?) -> S3Service? {
        guard let resources, let credentials = options.s3Credentials else { return nil }
        let buckets = LocalS3Buckets(
            persistRoot: options.persistRoot, clock: clock, logger: logger,
            opener: { name, open in try resources.bucket(named: name, open: open) },
            forget: { name in
                guard await !self.boundBucketNames().contains(name) else { return false }
                resources.forgetBucket(name)
                return true
            })
        // Clients date their signatures by the wall clock, so the skew and expiry checks use it even
        // when the emulator runs on a manual clock (`--clock manual`).
        let signingClock: any FlareClock = clock is ManualClock ? SystemClock() : clock
        var s3Logger = logger
        s3Logger[metadataKey: "component"] = "s3"
        return S3Service(
            buckets: buckets, verifier: SigV4Verifier(credentials: credentials, clock: signingClock),
            pathPrefix: pathPrefix,
            virtualHostSuffix: virtualHostSuffix, logger: s3Logger)
    }

    /// The storage names of the buckets the current configs bind.
    func boundBucketNames() -> Set<String> {
        Set(configs.flatMap { $0.r2Buckets.map(\.storageName) })
    }

    /// The `--s3-port` server: `s3` at the root, path-style and `<bucket>.localhost`-style.
    nonisolated func s3PortServer(_ s3: S3Service, port: Int, onRunning: @escaping @Sendable () -> Void) -> any Service
    {
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .notice)
        let service = S3Service(
            buckets: s3.buckets, verifier: s3.verifier, pathPrefix: "", virtualHostSuffix: "localhost", logger: logger)
        return Application(
            responder: S3Responder(service: service, options: options), server: .http1AnsweringContinue(),
            configuration: ApplicationConfiguration(
                address: .hostname(options.ip, port: port), serverName: "swiftflare"),
            onServerRunning: { _ in onRunning() }, logger: serverLogger)
    }
}
