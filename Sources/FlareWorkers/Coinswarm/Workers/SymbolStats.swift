import FlareWorkerAPI
import Foundation

/// The consumer's `/stats` query and its pretty-printed response (§3.2).
///
/// Timestamps are seconds end to end (§8.2), so `oldest_date`/`newest_date` are
/// `new Date(ts * 1000).toISOString()` and now correct for every source.
enum SymbolStats {
    static let sql = """
        SELECT COUNT(*) as total, MIN(timestamp) as oldest, MAX(timestamp) as newest, symbol
        FROM price_data WHERE symbol = ? GROUP BY symbol
        """

    /// Runs the query and builds the 200 response.
    /// - Throws: `D1Error`.
    static func response(database: any D1Database, symbol: String) async throws -> WorkerResponse {
        let row = try await database.prepare(sql).bind(symbol).first()
        let data: OrderedJSON =
            row.map { row in .object(zip(row.columns, row.values).map { ($0, .value($1.jsonValue)) }) }
            ?? .value(.null)
        let body = OrderedJSON.object([
            ("status", .string("ok")),
            ("data", data),
            ("oldest_date", isoDate(seconds: row?["oldest"]?.int64Value)),
            ("newest_date", isoDate(seconds: row?["newest"]?.int64Value)),
        ])
        return body.response(pretty: true)
    }

    /// `new Date(seconds * 1000).toISOString()`, or `null` for a missing or zero value (JavaScript's
    /// `oldest ? … : null`).
    static func isoDate(seconds: Int64?) -> OrderedJSON {
        guard let seconds, seconds != 0 else { return .value(.null) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return .string(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }
}
