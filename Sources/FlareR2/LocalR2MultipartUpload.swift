import FlareWorkerAPI

/// A multipart upload of a ``LocalR2Bucket``; every call goes to the bucket.
public struct LocalR2MultipartUpload: R2MultipartUpload {
    /// The key being uploaded.
    public let key: String
    /// The upload id (base64url of 128 random bytes).
    public let uploadId: String
    let bucket: LocalR2Bucket

    /// Uploads part `partNumber` (1...10000); uploading a number again replaces that part.
    /// - Throws: `R2Error`: the part-number `TypeError`, `uploadPart: ... (10020)` for an invalid
    ///   key, `uploadPart: The specified multipart upload does not exist. (10024)`.
    public func uploadPart(_ partNumber: Int, _ value: R2PutValue) async throws -> R2UploadedPart {
        try await bucket.uploadPart(key: key, uploadId: uploadId, partNumber: partNumber, value: value)
    }

    /// Abandons the upload; a no-op when it is already aborted or completed.
    /// - Throws: `abortMultipartUpload: We encountered an internal error. Please try again. (10001)`
    ///   for an unknown upload.
    public func abort() async throws {
        try await bucket.abortUpload(key: key, uploadId: uploadId)
    }

    /// Completes the upload from `parts`, concatenated in part-number order.
    /// - Throws: `R2Error` with the action `completeMultipartUpload`: unknown upload (10001),
    ///   finished upload (10024), unknown part (10025), part too small (10011), uneven parts (10048).
    public func complete(_ parts: [R2UploadedPart]) async throws -> R2Object {
        try await bucket.completeUpload(key: key, uploadId: uploadId, parts: parts)
    }
}
