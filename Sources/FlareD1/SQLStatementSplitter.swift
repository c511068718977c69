import GRDBSQLite

/// Splits SQL text into statements as it streams in: quote-, comment- and trigger-aware, linear in the input.
///
/// Feed chunks with ``append(_:)``, take statements with ``next()``, then call ``finish()`` for the rest.
struct SQLStatementSplitter {
    private var buffer: [UInt8] = []
    private var start = 0
    private var scan = 0
    private var quote: UInt8 = 0
    private var lineComment = false
    private var blockComment = false

    /// Adds input.
    mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            scan -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete statement (with its `;`), or nil when more input is needed.
    mutating func next() -> ArraySlice<UInt8>? {
        while scan < buffer.count {
            let byte = buffer[scan]
            scan += 1
            if lineComment {
                if byte == 0x0a { lineComment = false }
            } else if blockComment {
                if byte == 0x2f, scan >= 2, buffer[scan - 2] == 0x2a { blockComment = false }
            } else if quote != 0 {
                if byte == quote { quote = 0 }  // A doubled quote re-enters the quote at once: same effect.
            } else {
                switch byte {
                case 0x27, 0x22, 0x60: quote = byte
                case 0x5b: quote = 0x5d
                case 0x2d where scan < buffer.count && buffer[scan] == 0x2d:
                    lineComment = true
                    scan += 1
                case 0x2f where scan < buffer.count && buffer[scan] == 0x2a:
                    blockComment = true
                    scan += 1
                case 0x3b:
                    if isComplete(buffer[start..<scan]) {
                        let statement = buffer[start..<scan]
                        start = scan
                        return statement
                    }
                default: break
                }
            }
        }
        return nil
    }

    /// Whatever is left once the input has ended (nil when only trivia remains).
    mutating func finish() -> ArraySlice<UInt8>? {
        let rest = buffer[start...]
        start = buffer.count
        scan = buffer.count
        let isTrivia = rest.withUnsafeBytes { SQLTrivia.isTrivia($0) }
        return isTrivia ? nil : rest
    }

    /// Whether a `;`-terminated candidate is a whole statement. Only `CREATE ... TRIGGER` bodies hold inner `;`,
    /// so SQLite's own `sqlite3_complete` is asked only for those.
    private func isComplete(_ candidate: ArraySlice<UInt8>) -> Bool {
        let mayBeTrigger = candidate.withUnsafeBytes { bytes -> Bool in
            let first = SQLTrivia.skip(bytes, from: 0, semicolons: true)
            guard first + 6 <= bytes.count else { return false }
            let word = bytes[first..<first + 6].map { $0 | 0x20 }
            return word == Array("create".utf8)
        }
        guard mayBeTrigger else { return true }
        var text = Array(candidate)
        text.append(0)
        return text.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: text.count) { sqlite3_complete($0) != 0 }
        }
    }
}
