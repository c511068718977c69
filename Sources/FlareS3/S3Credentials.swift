/// The one access key the local endpoint accepts.
///
/// The defaults are printed by `swiftflare dev` at start; `--s3-access-key-id` and
/// `--s3-secret-access-key` (or `SWIFTFLARE_S3_ACCESS_KEY_ID` / `SWIFTFLARE_S3_SECRET_ACCESS_KEY`)
/// replace them.
public struct S3Credentials: Sendable, Equatable {
    /// The access key id (`AWS_ACCESS_KEY_ID`).
    public var accessKeyID: String
    /// The secret access key (`AWS_SECRET_ACCESS_KEY`).
    public var secretAccessKey: String

    /// Creates credentials.
    public init(accessKeyID: String, secretAccessKey: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    /// The local defaults: not secret, only there so that clients sign requests.
    public static let localDefault = S3Credentials(
        accessKeyID: "swiftflare-local", secretAccessKey: "swiftflare-local-secret-access-key")
}
