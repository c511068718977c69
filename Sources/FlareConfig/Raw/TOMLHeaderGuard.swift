/// Finds table headers that toml++ (inside TOMLKit) cannot survive: a `[` or `[[` followed by
/// something that is neither a key nor `]`, such as `[,]`, `[é]` or `[` at the end of a line. toml++
/// asserts on them (aborting the process in debug builds, undefined behaviour in release), so
/// ``TOMLReader`` refuses them with a parse error before toml++ sees the text.
///
/// A small scanner tracks strings, comments and bracket depth, so only headers are checked:
/// `[` inside a value (an array, possibly spanning lines) or a string is left alone.
enum TOMLHeaderGuard {
    /// The 1-based line and column of the first unparseable table header, if any.
    static func firstBadHeader(in text: String) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        var lineStart = 0
        var depth = 0
        var atLineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart && depth == 0 {
                if byte == space || byte == tab {
                    index += 1
                    continue
                }
                atLineStart = false
                if byte == openBracket {
                    if !headerIsSafe(bytes, after: index) { return (line, index - lineStart + 1) }
                    while index < bytes.count && bytes[index] != newline { index += 1 }
                    continue
                }
            }
            switch byte {
            case newline:
                line += 1
                lineStart = index + 1
                atLineStart = true
                index += 1
            case hash:
                while index < bytes.count && bytes[index] != newline { index += 1 }
            case quote, apostrophe:
                index = endOfString(bytes, from: index, line: &line, lineStart: &lineStart)
            case openBracket, openBrace:
                depth += 1
                index += 1
            case closeBracket, closeBrace:
                depth = max(0, depth - 1)
                index += 1
            default:
                index += 1
            }
        }
        return nil
    }

    /// Whether toml++ can parse the key of the header starting at `bytes[start]` (a `[`).
    private static func headerIsSafe(_ bytes: [UInt8], after start: Int) -> Bool {
        var index = start + 1
        let afterFirst = index
        while index < bytes.count && (bytes[index] == space || bytes[index] == tab) { index += 1 }
        if index < bytes.count && bytes[index] == openBracket {
            // `[ [` is reported by toml++ itself; `[[` starts an array-of-tables header.
            if index != afterFirst { return true }
            index += 1
            while index < bytes.count && (bytes[index] == space || bytes[index] == tab) { index += 1 }
        }
        guard index < bytes.count else { return true }
        let byte = bytes[index]
        // TOML 1.0 bare keys are ASCII; toml++ asserts on anything else here, `é` included.
        let isAlphanumeric =
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        return isAlphanumeric || [UInt8(ascii: "_"), UInt8(ascii: "-"), quote, apostrophe, closeBracket].contains(byte)
    }

    /// The index just after the string starting at `bytes[start]` (basic, literal, or multi-line).
    private static func endOfString(_ bytes: [UInt8], from start: Int, line: inout Int, lineStart: inout Int) -> Int {
        let delimiter = bytes[start]
        let escapes = delimiter == quote
        let multiline = start + 2 < bytes.count && bytes[start + 1] == delimiter && bytes[start + 2] == delimiter
        var index = start + (multiline ? 3 : 1)
        while index < bytes.count {
            let byte = bytes[index]
            if escapes && byte == backslash {
                index += 2
                continue
            }
            if byte == newline {
                if !multiline { return index }  // an unterminated string; toml++ reports it
                line += 1
                lineStart = index + 1
            }
            if byte == delimiter {
                if !multiline { return index + 1 }
                if index + 2 < bytes.count && bytes[index + 1] == delimiter && bytes[index + 2] == delimiter {
                    return index + 3
                }
            }
            index += 1
        }
        return index
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let hash = UInt8(ascii: "#")
    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
}
