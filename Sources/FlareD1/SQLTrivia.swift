/// Byte-level scanning of SQL text: whitespace, comments and D1's statement filter.
enum SQLTrivia {
    /// Whether `byte` is ASCII white space.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0d)
    }

    /// Whether `bytes` holds only white space, `;` and comments.
    static func isTrivia(_ bytes: UnsafeRawBufferPointer) -> Bool {
        skip(bytes, from: 0, semicolons: true) == bytes.count
    }

    /// The index of the first byte after white space and comments (and `;` when `semicolons`).
    static func skip(_ bytes: UnsafeRawBufferPointer, from start: Int, semicolons: Bool) -> Int {
        var index = start
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if isSpace(byte) || (semicolons && byte == 0x3b) {
                index += 1
            } else if byte == 0x2d, index + 1 < count, bytes[index + 1] == 0x2d {
                while index < count, bytes[index] != 0x0a { index += 1 }
            } else if byte == 0x2f, index + 1 < count, bytes[index + 1] == 0x2a {
                index += 2
                while index + 1 < count, !(bytes[index] == 0x2a && bytes[index + 1] == 0x2f) { index += 1 }
                index = min(index + 2, count)
            } else {
                return index
            }
        }
        return count
    }

    /// Whether the C string starts (after trivia) with `keyword`, case-insensitively.
    static func startsWithKeyword(_ text: UnsafePointer<CChar>, _ keyword: String) -> Bool {
        let length = strlen(text)
        let bytes = UnsafeRawBufferPointer(start: text, count: length)
        let start = skip(bytes, from: 0, semicolons: false)
        let word = Array(keyword.utf8)
        guard start + word.count <= length else { return false }
        for (offset, expected) in word.enumerated() where bytes[start + offset] | 0x20 != expected | 0x20 {
            return false
        }
        return start + word.count == length || !isIdentifier(bytes[start + word.count])
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5f || byte >= 0x80
    }

    /// Miniflare's filter: a query is dropped when `sql.replace(/^\s+--.*/gm, "").trim()` is empty.
    static func isDroppedByMiniflare(_ sql: String) -> Bool {
        let bytes = Array(sql.utf8)
        // Fast path: without `--` the replace changes nothing.
        var hasComment = false
        for index in bytes.indices.dropLast() where bytes[index] == 0x2d && bytes[index + 1] == 0x2d {
            hasComment = true
            break
        }
        if !hasComment { return bytes.allSatisfy(isSpace) }
        // Remove each match of /^\s+--.*/ (multiline; `^` is the start or after a line break; `.` stops at a break).
        var kept: [UInt8] = []
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            if atLineStart, let end = matchCommentLine(bytes, from: index) {
                index = end
                atLineStart = false
                continue
            }
            let byte = bytes[index]
            kept.append(byte)
            atLineStart = byte == 0x0a || byte == 0x0d
            index += 1
        }
        return kept.allSatisfy(isSpace)
    }

    /// Where `\s+--.*` starting at `start` ends (backtracking over the greedy `\s+`), or nil.
    private static func matchCommentLine(_ bytes: [UInt8], from start: Int) -> Int? {
        var spaceEnd = start
        while spaceEnd < bytes.count, isSpace(bytes[spaceEnd]) { spaceEnd += 1 }
        guard spaceEnd > start else { return nil }
        // Greedy `\s+` then `--`: the last position where `--` follows works first.
        var candidate = spaceEnd
        while candidate > start {
            if candidate + 1 < bytes.count, bytes[candidate] == 0x2d, bytes[candidate + 1] == 0x2d {
                var end = candidate + 2
                while end < bytes.count, bytes[end] != 0x0a, bytes[end] != 0x0d { end += 1 }
                return end
            }
            candidate -= 1
        }
        return nil
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
