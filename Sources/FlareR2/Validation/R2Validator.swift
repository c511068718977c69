import FlareWorkerAPI
import Foundation

/// Miniflare's request validation (§3.3): key length, metadata size, object size, list limit.
enum R2Validator {
    /// Keys longer than this many UTF-8 bytes are invalid.
    static let maxKeyBytes = 1024
    /// Custom metadata may total this many (weighted) bytes.
    static let maxMetadataBytes = 2048
    /// The largest single-upload object: 5 GiB − 5 MiB.
    static let maxObjectSize = 5_368_709_120 - 5_242_880
    /// The largest `list` limit.
    static let maxListLimit = 1000
    /// The largest `list` limit when `include` is given.
    static let maxListLimitWithInclude = 100

    /// - Throws: `InvalidObjectName (10020)` for a key over 1024 bytes.
    static func key(_ key: String, _ action: R2Action) throws {
        if key.utf8.count > maxKeyBytes { throw R2Failure.invalidObjectName.error(action) }
    }

    /// - Throws: `MetadataTooLarge (10012)`.
    static func customMetadata(_ metadata: [String: String]?, _ action: R2Action) throws {
        guard let metadata else { return }
        var total = 0
        for (key, value) in metadata { total += weightedLength(key) + weightedLength(value) }
        if total > maxMetadataBytes { throw R2Failure.metadataTooLarge.error(action) }
    }

    /// Miniflare's length: UTF-16 code units, doubled when any unit is ≥ 256.
    static func weightedLength(_ text: String) -> Int {
        var count = 0
        var wide = false
        for unit in text.utf16 {
            count += 1
            if unit >= 256 { wide = true }
        }
        return wide ? count * 2 : count
    }

    /// - Throws: `EntityTooLarge (100100)`.
    static func size(_ size: Int, _ action: R2Action) throws {
        if size > maxObjectSize { throw R2Failure.entityTooLarge.error(action) }
    }

    /// The one checksum algorithm given, with its lowercased hex value.
    /// - Throws: the `TypeError`s of workerd for several algorithms or a malformed value.
    static func expectedChecksum(_ checksums: R2Checksums) throws -> (ChecksumAlgorithm, String)? {
        let given = ChecksumAlgorithm.allCases.compactMap { algorithm in
            algorithm.value(in: checksums).map { (algorithm, $0) }
        }
        if given.count > 1 { throw R2Error.typeError("You cannot specify multiple hashing algorithms.") }
        guard let (algorithm, value) = given.first else { return nil }
        let name = algorithm.displayName
        if value.utf8.count != algorithm.byteCount * 2 {
            throw R2Error.typeError("\(name) is \(algorithm.byteCount * 2) hex characters, not \(value.utf8.count)")
        }
        if !Hex.isHex(value) { throw R2Error.typeError("Provided \(name) wasn't a valid hex string") }
        return (algorithm, value.lowercased())
    }

    /// Checks a conditional's ETags for quotes (object form).
    /// - Throws: `TypeError: Conditional ETag should not be wrapped in quotes (<v>).`
    static func conditional(_ conditional: R2Conditional?) throws {
        guard let conditional, !conditional.fromHeaders else { return }
        for value in [conditional.etagMatches, conditional.etagDoesNotMatch].compactMap({ $0 }) {
            if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") {
                throw R2Error.typeError("Conditional ETag should not be wrapped in quotes (\(value)).")
            }
        }
    }

    /// Checks the range's numbers before any request.
    /// - Throws: workerd's `RangeError`s for negative values.
    static func rangeArguments(_ range: R2Range?) throws {
        switch range {
        case .offset(let offset, let length)?:
            if offset < 0 {
                throw R2Error.rangeError(
                    "Invalid range. Starting offset (\(offset)) must be greater than or equal to 0.")
            }
            if let length, length < 0 {
                throw R2Error.rangeError("Invalid range. Length (\(length)) must be greater than or equal to 0.")
            }
        case .suffix(let suffix)?:
            if suffix < 0 {
                throw R2Error.rangeError("Invalid suffix. Suffix (\(suffix)) must be greater than or equal to 0.")
            }
        case nil: break
        }
    }

    /// The range a `Range` header asks for on an object of `size` bytes, or `nil` (the whole object)
    /// unless it is one satisfiable `bytes=` range.
    static func parseRangeHeader(_ header: String?, size: Int) -> (offset: Int, length: Int)? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes=") else { return nil }
        let spec = trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        let digits = { (text: String) in !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }
        if first.isEmpty {
            guard digits(last), let suffix = Int(last), suffix > 0, size > 0 else { return nil }
            let length = min(suffix, size)
            return (size - length, length)
        }
        guard digits(first), let start = Int(first), start < size else { return nil }
        if last.isEmpty { return (start, size - start) }
        guard digits(last), let end = Int(last), end >= start else { return nil }
        return (start, min(end, size - 1) - start + 1)
    }

    /// The `(offset, length)` served for `range` on an object of `size` bytes.
    /// - Throws: `InvalidRange (10039)`.
    static func resolve(_ range: R2Range?, size: Int) throws -> (offset: Int, length: Int) {
        switch range {
        case nil:
            return (0, size)
        case .suffix(let suffix)?:
            if suffix <= 0 { throw R2Failure.invalidRange.error(.get) }
            let length = min(suffix, size)
            return (size - length, length)
        case .offset(let offset, let length)?:
            if offset < 0 || offset > size { throw R2Failure.invalidRange.error(.get) }
            let wanted = length ?? (size - offset)
            if wanted <= 0 { throw R2Failure.invalidRange.error(.get) }
            return (offset, min(wanted, size - offset))
        }
    }
}
