/// Parses dotenv text (`.dev.vars`, `.env`): `KEY=VALUE` lines, optional `export `, `#` comments,
/// single quotes (literal), double quotes (with `\n`, `\t`, `\"`, `\\` escapes, may span lines).
public enum DevVarsParser {
    /// The variables in `text`; later assignments win.
    ///
    /// ```swift
    /// DevVarsParser.parse("API_KEY=\"abc\" # comment\n")  // ["API_KEY": "abc"]
    /// ```
    public static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        let lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            var line = lines[index].trimmingSpaces()
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)).trimmingSpaces() }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals]).trimmingSpaces()
            guard !key.isEmpty else { continue }
            var rest = String(line[line.index(after: equals)...]).trimmingSpaces()
            if let quote = rest.first, quote == "\"" || quote == "'" || quote == "`" {
                // A quoted value may continue on the following lines until its closing quote.
                while !hasClosingQuote(rest, quote: quote), index < lines.count {
                    rest += "\n" + lines[index]
                    index += 1
                }
                result[key] = quotedValue(rest, quote: quote)
            } else {
                result[key] = unquotedValue(rest)
            }
        }
        return result
    }

    private static func hasClosingQuote(_ text: String, quote: Character) -> Bool {
        closingIndex(in: Array(text), quote: quote) != nil
    }

    private static func closingIndex(in chars: [Character], quote: Character) -> Int? {
        var position = 1
        while position < chars.count {
            if quote == "\"", chars[position] == "\\" {
                position += 2
                continue
            }
            if chars[position] == quote { return position }
            position += 1
        }
        return nil
    }

    private static func quotedValue(_ text: String, quote: Character) -> String {
        let chars = Array(text)
        let end = closingIndex(in: chars, quote: quote) ?? chars.count
        let body = chars[1..<max(1, end)]
        guard quote == "\"" else { return String(body) }
        var out = ""
        var iterator = body.makeIterator()
        while let char = iterator.next() {
            guard char == "\\", let escaped = iterator.next() else {
                out.append(char)
                continue
            }
            switch escaped {
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            default: out.append(escaped)
            }
        }
        return out
    }

    private static func unquotedValue(_ text: String) -> String {
        // An inline comment starts at a `#` preceded by whitespace.
        var previous: Character = " "
        for (offset, char) in text.enumerated() {
            if char == "#", previous == " " || previous == "\t" {
                return String(text.prefix(offset)).trimmingSpaces()
            }
            previous = char
        }
        return text
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars = scalars.dropLast() }
        return String(scalars)
    }

    fileprivate func replacingCRLF() -> String {
        split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
    }
}
