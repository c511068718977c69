import FlareWorkerAPI
import Foundation
import GRDBSQLite

extension SQLiteConnection {
    /// Emits the statements of D1's export format (Miniflare `dumpSql`, mirroring the sqlite3 shell's `.dump`).
    /// - Throws: `SQLiteFailure`, or `D1 Export error: ...` for virtual tables.
    func dumpStatements(_ options: D1ExportOptions, emit: (String) throws -> Void) throws {
        try emit("PRAGMA defer_foreign_keys=TRUE;")
        let filter = Set(options.tables)
        let tables = try rows(
            "SELECT name, type, sql FROM sqlite_schema AS o WHERE (true) AND type=='table' AND sql NOT NULL "
                + "ORDER BY tbl_name='sqlite_sequence', rowid")
        for table in tables {
            guard case .text(let name) = table[0], case .text(let sql) = table[2] else { continue }
            if !filter.isEmpty, !filter.contains(name) { continue }
            if name == "sqlite_sequence" {
                if !options.noSchema { try emit("DELETE FROM sqlite_sequence;") }
            } else if name.hasPrefix("sqlite_stat") && name.count > "sqlite_stat".count {
                if !options.noSchema { try emit("ANALYZE sqlite_schema;") }
            } else if sql.hasPrefix("CREATE VIRTUAL TABLE") {
                throw SQLiteFailure(message: "D1 Export error: cannot export databases with Virtual Tables (fts5)")
            } else if name.hasPrefix("_cf_") || name.hasPrefix("sqlite_") {
                continue
            } else if !options.noSchema {
                if sql.hasPrefix("CREATE TABLE \"") || sql.hasPrefix("CREATE TABLE '") {
                    try emit("CREATE TABLE IF NOT EXISTS \(sql.dropFirst(13));")
                } else {
                    try emit("\(sql);")
                }
            }
            if options.noData { continue }
            let columns = try rows("PRAGMA table_info=\(Self.escapeID(name))").compactMap { $0[1].stringValue }
            let select = "SELECT \(columns.map(Self.escapeID).joined(separator: ", ")) FROM \(Self.escapeID(name));"
            let prefix =
                "INSERT INTO \(Self.escapeID(name)) (\(columns.map(Self.escapeID).joined(separator: ","))) VALUES("
            try forEachRow(select) { stmt, count in
                var line = prefix
                for index in 0..<count {
                    if index > 0 { line += "," }
                    Self.appendLiteral(value(stmt, index), to: &line)
                }
                line += ");"
                try emit(line)
            }
        }
        if !options.noSchema {
            let rest = try rows(
                "SELECT name, sql FROM sqlite_schema AS o WHERE (true) AND sql NOT NULL  AND type IN "
                    + "('index', 'trigger', 'view') ORDER BY type COLLATE NOCASE")
            for entry in rest {
                guard case .text(let name) = entry[0], case .text(let sql) = entry[1] else { continue }
                if !filter.isEmpty, !filter.contains(name) { continue }
                try emit("\(sql);")
            }
        }
    }

    /// All rows of an internal query.
    func rows(_ sql: String) throws -> [[D1Value]] {
        var result: [[D1Value]] = []
        try forEachRow(sql) { stmt, count in result.append((0..<count).map { value(stmt, $0) }) }
        return result
    }

    /// Steps an internal (unauthorised, uncached) query, calling `body` per row.
    func forEachRow(_ sql: String, _ body: (OpaquePointer, Int32) throws -> Void) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw failure(rc) }
        defer { sqlite3_finalize(stmt) }
        let count = sqlite3_column_count(stmt)
        var step = sqlite3_step(stmt)
        while step == SQLITE_ROW {
            try body(stmt, count)
            step = sqlite3_step(stmt)
        }
        guard step == SQLITE_DONE else { throw failure(step) }
    }

    /// `"name"` with `"` doubled.
    static func escapeID(_ name: String) -> String {
        "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    /// A value as the dump writes it: NULL, a JavaScript number, a quoted string, or `X'hex'`.
    static func appendLiteral(_ value: D1Value, to line: inout String) {
        switch value {
        case .null: line += "NULL"
        case .integer(let int): line += String(int)
        case .real(let double): line += JSNumber.format(double)
        case .text(let text): appendQuoted(text, to: &line)
        case .blob(let data):
            line += "X'"
            let digits = Array("0123456789abcdef".utf8)
            var hex = [UInt8]()
            hex.reserveCapacity(data.count * 2)
            for byte in data {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0f)])
            }
            line += String(decoding: hex, as: UTF8.self)
            line += "'"
        }
    }

    /// Miniflare's `outputQuotedEscapedString`: `'` doubled, LF/CR written as `\n`/`\r` and restored with
    /// `replace(...,'\r',char(13))` then `replace(...,'\n',char(10))`.
    static func appendQuoted(_ text: String, to line: inout String) {
        var sawLF = false
        var sawCR = false
        var body = [UInt8]()
        body.reserveCapacity(text.utf8.count + 2)
        body.append(0x27)
        for byte in text.utf8 {
            switch byte {
            case 0x27: body.append(0x27); body.append(0x27)
            case 0x0a: sawLF = true; body.append(0x5c); body.append(0x6e)
            case 0x0d: sawCR = true; body.append(0x5c); body.append(0x72)
            default: body.append(byte)
            }
        }
        body.append(0x27)
        var output = String(decoding: body, as: UTF8.self)
        if sawCR { output = "replace(\(output),'\\r',char(13))" }
        if sawLF { output = "replace(\(output),'\\n',char(10))" }
        line += output
    }
}

/// JavaScript's `Number.prototype.toString()` for doubles, as the dump prints numbers.
enum JSNumber {
    /// The shortest round-trip text in JavaScript's notation (`1e+21`, `1e-7`, `0.000001`, `3`).
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NULL" }
        if value.isInfinite { return value < 0 ? "-1e999" : "1e999" }
        if value == 0 { return "0" }
        // Swift's description is the shortest round-trip form; re-lay it out as JavaScript does.
        let text = String(describing: abs(value))
        var digits = ""
        var exponent = 0
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = String(parts[0])
        if parts.count == 2 { exponent = Int(parts[1]) ?? 0 }
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(pieces[0])
        let fraction = pieces.count > 1 ? String(pieces[1]) : ""
        digits = integerPart + fraction
        var pointPosition = integerPart.count + exponent
        // Strip leading zeros (moving the point) and trailing zeros.
        while digits.hasPrefix("0"), digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
        let k = digits.count
        let n = pointPosition
        var out: String
        if k <= n && n <= 21 {
            out = digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            out = String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
        } else if -6 < n && n <= 0 {
            out = "0." + String(repeating: "0", count: -n) + digits
        } else {
            let e = n - 1
            let sign = e < 0 ? "-" : "+"
            out = String(digits.prefix(1)) + (k > 1 ? "." + String(digits.dropFirst()) : "") + "e\(sign)\(abs(e))"
        }
        return value < 0 ? "-" + out : out
    }
}
