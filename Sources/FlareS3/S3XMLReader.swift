import Foundation

/// A minimal reader for the few XML documents clients send (`CompleteMultipartUpload`, `Delete`,
/// `CreateBucketConfiguration`): elements and text, namespaces ignored, entities decoded.
///
/// It builds a small tree; it is not a validating parser, but it rejects unbalanced tags.
struct S3XMLReader {
    /// An element: its local name, text and children.
    final class Element {
        let name: String
        var text = ""
        var children: [Element] = []

        init(name: String) { self.name = name }

        /// The children named `name`.
        func all(_ name: String) -> [Element] { children.filter { $0.name == name } }

        /// The text of the first child named `name`.
        func value(_ name: String) -> String? { children.first { $0.name == name }?.text }
    }

    /// Parses `data`; `nil` when it is not well-formed enough to read.
    static func parse(_ data: Data) -> Element? {
        let text = String(decoding: data, as: UTF8.self)
        var stack: [Element] = []
        var root: Element?
        var index = text.startIndex
        while index < text.endIndex {
            guard let open = text[index...].firstIndex(of: "<") else {
                if let top = stack.last { top.text += decodeEntities(String(text[index...])) }
                break
            }
            if let top = stack.last, open > index { top.text += decodeEntities(String(text[index..<open])) }
            guard let close = text[open...].firstIndex(of: ">") else { return nil }
            let tag = text[text.index(after: open)..<close]
            index = text.index(after: close)
            if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = localName(tag.dropFirst())
                guard let top = stack.popLast(), top.name == name else { return nil }
                if stack.isEmpty { root = top }
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            let element = Element(name: localName(selfClosing ? tag.dropLast() : tag))
            stack.last?.children.append(element)
            if selfClosing {
                if stack.isEmpty { root = element }
            } else {
                stack.append(element)
            }
        }
        return stack.isEmpty ? root : nil
    }

    /// The tag's name without attributes and namespace prefix.
    private static func localName(_ tag: Substring) -> String {
        let name = tag.prefix { !$0.isWhitespace }
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return String(name)
    }

    /// Decodes the five named entities and numeric character references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var index = text.startIndex
        while let amp = text[index...].firstIndex(of: "&") {
            result += text[index..<amp]
            guard let semi = text[amp...].firstIndex(of: ";") else { break }
            let entity = text[text.index(after: amp)..<semi]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number: UInt32? =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = UnicodeScalar(number) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += text[amp...semi]
                }
            }
            index = text.index(after: semi)
        }
        result += text[index...]
        return result
    }
}
