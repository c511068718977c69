import HTTPTypes

/// Header names the endpoint reads and writes.
enum S3Header {
    static let requestID = HTTPField.Name("x-amz-request-id")!
    static let contentSHA256 = HTTPField.Name("x-amz-content-sha256")!
    static let date = HTTPField.Name("x-amz-date")!
    static let contentMD5 = HTTPField.Name("Content-MD5")!
    static let decodedLength = HTTPField.Name("x-amz-decoded-content-length")!
    static let copySource = HTTPField.Name("x-amz-copy-source")!
    static let metadataDirective = HTTPField.Name("x-amz-metadata-directive")!
    static let acceptRanges = HTTPField.Name("Accept-Ranges")!
    static let contentRange = HTTPField.Name("Content-Range")!
    static let lastModified = HTTPField.Name("Last-Modified")!
    static let storageClass = HTTPField.Name("x-amz-storage-class")!
}
