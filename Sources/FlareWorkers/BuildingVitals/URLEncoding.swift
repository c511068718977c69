import FlareWorkerAPI

/// JavaScript's URL encodings, so upstream URLs match the original worker's byte for byte.
enum URLEncoding {
    /// `encodeURIComponent`: keeps `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
    static func component(_ text: String) -> String {
        encode(text, keeping: "-_.!~*'()", spaceAsPlus: false)
    }

    /// `URLSearchParams` (application/x-www-form-urlencoded): keeps `A-Z a-z 0-9 * - . _`, space → `+`.
    static func formValue(_ text: String) -> String {
        encode(text, keeping: "*-._", spaceAsPlus: true)
    }

    /// `name=value&...` with both sides form-encoded, in the given order.
    static func query(_ items: [(String, String)]) -> String {
        items.map { "\(formValue($0.0))=\(formValue($0.1))" }.joined(separator: "&")
    }

    private static func encode(_ text: String, keeping extra: String, spaceAsPlus: Bool) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            let isAlphanumeric =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A)
            if isAlphanumeric || (byte < 0x80 && extra.unicodeScalars.contains(scalar)) {
                result.unicodeScalars.append(scalar)
            } else if spaceAsPlus && byte == 0x20 {
                result += "+"
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
