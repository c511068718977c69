/// Turns JSONC into JSON: removes `//` and `/* */` comments and trailing commas, never inside
/// strings. Comments and commas become spaces (newlines are kept) so that parse error positions
/// still point into the original text.
enum JSONCStripper {
    /// Returns `text` as plain JSON.
    static func strip(_ text: String) -> String {
        removeTrailingCommas(removeComments(Array(text.unicodeScalars)))
    }

    private static func removeComments(_ input: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(input.count)
        var index = 0
        var inString = false
        while index < input.count {
            let char = input[index]
            let next = index + 1 < input.count ? input[index + 1] : nil
            if inString {
                out.append(char)
                if char == "\\", let next {
                    out.append(next)
                    index += 2
                    continue
                }
                if char == "\"" { inString = false }
                index += 1
            } else if char == "\"" {
                inString = true
                out.append(char)
                index += 1
            } else if char == "/", next == "/" {
                while index < input.count, input[index] != "\n" {
                    out.append(" ")
                    index += 1
                }
            } else if char == "/", next == "*" {
                index += 2
                while index < input.count, !(input[index] == "*" && index + 1 < input.count && input[index + 1] == "/")
                {
                    out.append(input[index] == "\n" ? "\n" : " ")
                    index += 1
                }
                index += 2
            } else {
                out.append(char)
                index += 1
            }
        }
        return out
    }

    private static func removeTrailingCommas(_ input: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var inString = false
        var index = 0
        while index < input.count {
            let char = input[index]
            if inString {
                out.append(char)
                if char == "\\", index + 1 < input.count {
                    out.append(input[index + 1])
                    index += 2
                    continue
                }
                if char == "\"" { inString = false }
            } else if char == "\"" {
                inString = true
                out.append(char)
            } else if char == "," {
                var look = index + 1
                while look < input.count, input[look].properties.isWhitespace { look += 1 }
                // A comma right before a closing bracket is a trailing comma: drop it (keep a space).
                if look < input.count, input[look] == "]" || input[look] == "}" {
                    out.append(" ")
                } else {
                    out.append(char)
                }
            } else {
                out.append(char)
            }
            index += 1
        }
        return String(out)
    }
}
