import Foundation

/// HTML text helpers for the inspector's server-rendered pages.
public enum HTML {
    /// `text` safe inside an element or a double- or single-quoted attribute: `&`, `<`, `>`, `"`
    /// and `'` become character references.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// A byte count as people read it (`512 B`, `1.5 KiB`, `3.2 MiB`).
    public static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    /// An inline SVG sparkline of `values` (no external assets), `width` × `height` pixels.
    public static func sparkline(_ values: [Int], width: Int = 120, height: Int = 24) -> String {
        let peak = max(values.max() ?? 0, 1)
        let step = values.count > 1 ? Double(width) / Double(values.count - 1) : 0
        let points = values.enumerated().map { index, value in
            let x = Double(index) * step
            let y = Double(height - 2) - Double(value) / Double(peak) * Double(height - 4)
            return String(format: "%.1f,%.1f", x, y)
        }
        let total = values.reduce(0, +)
        return """
            <svg class="spark" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-label="\(total) messages delivered recently"><title>\(total) delivered, peak \(peak) \
            per window</title><polyline fill="none" stroke="currentColor" stroke-width="1.5" \
            points="\(points.joined(separator: " "))"/></svg>
            """
    }
}
