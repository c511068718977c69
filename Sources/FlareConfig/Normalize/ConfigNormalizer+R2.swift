/// `[[r2_buckets]]`.
extension ConfigNormalizer {
    static let r2Fields = ["binding", "bucket_name", "preview_bucket_name", "jurisdiction", "remote", "local_dev"]

    /// Validates the `r2_buckets` array.
    mutating func normalizeR2Buckets(_ value: ConfigValue) -> [R2BucketConfig] {
        guard let items = array(value, field: "r2_buckets") else { return [] }
        return items.enumerated().compactMap { normalizeR2Bucket($0.element, index: $0.offset) }
    }

    private mutating func normalizeR2Bucket(_ value: ConfigValue, index: Int) -> R2BucketConfig? {
        let field = "r2_buckets[\(index)]"
        guard let entry = value.tableValue else {
            error(path(field), "\"\(field)\" bindings should be objects, but got \(value.jsonText).")
            return nil
        }
        checkFields(entry, allowed: Self.r2Fields, field: field)
        guard let binding = entry["binding"]?.stringValue else {
            error(
                path(field + ".binding"),
                "\"\(field)\" bindings should have a string \"binding\" field but got \(value.jsonText).")
            return nil
        }
        let bucketName = validBucketName(entry["bucket_name"], key: "bucket_name", field: field, whole: value)
        let previewName = validBucketName(
            entry["preview_bucket_name"], key: "preview_bucket_name", field: field, whole: value)
        let jurisdiction = optionalString(entry["jurisdiction"], field: field + ".jurisdiction")
        _ = optionalBool(entry["remote"], field: field + ".remote")
        if entry.has("local_dev") {
            warning(
                path(field + ".local_dev"),
                "\"local_dev.experimental_s3_credentials\" fields are experimental and may change or break at any time."
            )
        }
        return R2BucketConfig(
            binding: binding, bucketName: bucketName, previewBucketName: previewName, jurisdiction: jurisdiction)
    }

    private mutating func validBucketName(_ value: ConfigValue?, key: String, field: String, whole: ConfigValue)
        -> String?
    {
        guard let value else { return nil }
        guard let name = value.stringValue, !name.isEmpty else {
            error(
                path("\(field).\(key)"),
                "\"\(field)\" bindings should have a string \"\(key)\" field but got \(whole.jsonText).")
            return nil
        }
        guard Self.isValidBucketName(name) else {
            // wrangler prints the preview variant with a space after `=`.
            let separator = key == "bucket_name" ? "=" : "= "
            error(
                path("\(field).\(key)"),
                "\(field).\(key)\(separator)\(ConfigValue.quoted(name)) is invalid. Bucket names must begin and end "
                    + "with an alphanumeric character, only contain lowercase letters, numbers, and hyphens, and be "
                    + "between 3 and 63 characters long.")
            return nil
        }
        return name
    }

    /// R2's rule: 3 to 63 of `a-z0-9-`, beginning and ending alphanumeric.
    static func isValidBucketName(_ name: String) -> Bool {
        let alphanumeric = Set("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
        let scalars = Array(name.unicodeScalars)
        guard (3...63).contains(scalars.count), let first = scalars.first, let last = scalars.last,
            alphanumeric.contains(first), alphanumeric.contains(last)
        else { return false }
        return scalars.allSatisfy { alphanumeric.contains($0) || $0 == "-" }
    }
}
