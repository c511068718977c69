/// A multipart upload in progress, as the S3 endpoint's `ListMultipartUploads` reports it.
public struct R2MultipartUploadInfo: Sendable, Hashable {
    /// The key being uploaded.
    public var key: String
    /// The upload id.
    public var uploadId: String
}

/// A part uploaded so far, as the S3 endpoint's `ListParts` reports it.
public struct R2MultipartPartInfo: Sendable, Hashable {
    /// The part number.
    public var partNumber: Int
    /// The part's ETag (unquoted).
    public var etag: String
    /// Its size in bytes.
    public var size: Int
}
