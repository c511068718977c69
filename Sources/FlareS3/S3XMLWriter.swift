import Foundation

/// Builds S3's XML responses: elements with escaped text, no pretty-printing.
struct S3XMLWriter {
    private(set) var document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// Opens `<name>` (with S3's namespace for a root element when `namespaced`).
    mutating func open(_ name: String, namespaced: Bool = false) {
        document += namespaced ? "<\(name) xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" : "<\(name)>"
    }

    /// Closes `</name>`.
    mutating func close(_ name: String) {
        document += "</\(name)>"
    }

    /// `<name>text</name>`, the text escaped.
    mutating func element(_ name: String, _ text: String) {
        document += "<\(name)>\(Self.escape(text))</\(name)>"
    }

    /// `<name>text</name>` when `text` is not `nil`.
    mutating func element(_ name: String, _ text: String?) {
        if let text { element(name, text) }
    }

    /// Escapes `& < > " '` and the control characters XML 1.0 cannot carry verbatim.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case "\r": result += "&#13;"
            default:
                if scalar.value < 0x20 {
                    result += "&#\(scalar.value);"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
