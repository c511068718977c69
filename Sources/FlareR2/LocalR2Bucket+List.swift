import FlareWorkerAPI
import Foundation
import GRDB

extension LocalR2Bucket {
    /// Lists objects in key (byte) order.
    ///
    /// `prefix` filters; `startAfter` and `cursor` (base64 of the last key returned) both mean
    /// "after", the greater winning; a `delimiter` groups keys into `delimitedPrefixes`, groups and
    /// objects both counting toward `limit` (1...1000, at most 100 with `include`).
    /// - Throws: `list: MaxKeys params must be positive integer <= 1000. (10022)`.
    public func list(_ listOptions: R2ListOptions) async throws -> R2Objects {
        var limit = listOptions.limit ?? R2Validator.maxListLimit
        if limit < 1 || limit > R2Validator.maxListLimit { throw R2Failure.invalidMaxKeys.error(.list) }
        if !listOptions.include.isEmpty { limit = min(limit, R2Validator.maxListLimitWithInclude) }
        let prefix = listOptions.prefix ?? ""
        let delimiter = listOptions.delimiter ?? ""
        var after = listOptions.startAfter
        if let cursor = listOptions.cursor {
            let decoded = Self.decodeCursor(cursor)
            // The lexicographically greater of startAfter and the cursor wins.
            if let current = after, decoded.utf8.lexicographicallyPrecedes(current.utf8) {
                after = current
            } else {
                after = decoded
            }
        }
        let includeHTTP = listOptions.include.contains(.httpMetadata)
        let includeCustom = listOptions.include.contains(.customMetadata)
        return try index.read { db in
            var objects: [R2Object] = []
            var prefixes: [String] = []
            var lastKey: String?
            var openGroup: String?
            var truncated = false
            // Start at the greater of `after` and `prefix`; keys with the prefix are contiguous.
            var sql = "SELECT \(ObjectRow.columns) FROM _mf_objects WHERE key >= CAST(? AS TEXT)"
            var arguments: StatementArguments = [R2Index.arg(prefix)]
            if let after {
                sql += " AND key > CAST(? AS TEXT)"
                arguments += [R2Index.arg(after)]
            }
            sql += " ORDER BY key"
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let key = R2Index.key(row["key"])
                guard key.utf8.starts(with: prefix.utf8) else { break }
                if let group = openGroup, key.utf8.starts(with: group.utf8) {
                    lastKey = key
                    continue
                }
                openGroup = nil
                if objects.count + prefixes.count == limit {
                    truncated = true
                    break
                }
                if !delimiter.isEmpty, let group = Self.group(of: key, prefix: prefix, delimiter: delimiter) {
                    prefixes.append(group)
                    openGroup = group
                } else {
                    objects.append(ObjectRow(row: row).object(includeHTTP: includeHTTP, includeCustom: includeCustom))
                }
                lastKey = key
            }
            let cursor = truncated ? lastKey.map { Data($0.utf8).base64EncodedString() } : nil
            return R2Objects(objects: objects, truncated: truncated, cursor: cursor, delimitedPrefixes: prefixes)
        }
    }

    /// `prefix` + the rest of `key` up to and including the first `delimiter` after the prefix.
    static func group(of key: String, prefix: String, delimiter: String) -> String? {
        let keyBytes = Array(key.utf8)
        let delimiterBytes = Array(delimiter.utf8)
        let start = prefix.utf8.count
        guard keyBytes.count - start >= delimiterBytes.count else { return nil }
        var index = start
        while index + delimiterBytes.count <= keyBytes.count {
            if keyBytes[index..<index + delimiterBytes.count].elementsEqual(delimiterBytes) {
                return String(decoding: keyBytes[..<(index + delimiterBytes.count)], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// Decodes a cursor leniently, as Node's `Buffer.from(cursor, "base64")`: characters outside
    /// the alphabet are dropped and padding is optional, so a garbage cursor is no error.
    static func decodeCursor(_ cursor: String) -> String {
        var alphabet: [UInt8: UInt8] = [:]
        for (value, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            alphabet[char] = UInt8(value)
        }
        alphabet[UInt8(ascii: "-")] = 62
        alphabet[UInt8(ascii: "_")] = 63
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for char in cursor.utf8 {
            if char == UInt8(ascii: "=") { break }
            guard let value = alphabet[char] else { continue }
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> UInt32(bits)) & 0xff))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
