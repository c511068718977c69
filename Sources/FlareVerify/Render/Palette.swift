/// The scripts' ANSI colours, or none (not a TTY, `--no-color`).
struct Palette: Sendable {
    let green: String
    let red: String
    let yellow: String
    let blue: String
    let reset: String

    init(enabled: Bool) {
        green = enabled ? "\u{1B}[0;32m" : ""
        red = enabled ? "\u{1B}[0;31m" : ""
        yellow = enabled ? "\u{1B}[1;33m" : ""
        blue = enabled ? "\u{1B}[0;34m" : ""
        reset = enabled ? "\u{1B}[0m" : ""
    }
}
