import FlareWorkerAPI

/// Inserts points into `price_data` (§3.4): grouped by source, one `INSERT OR IGNORE` statement of
/// 10 bound parameters per point, at most 100 statements per `batch()` (one transaction each).
///
/// Fixes: the inserted count is the sum of `meta.changes`, so ignored duplicates are not counted
/// (§8.8); a chunk that fails for a non-transient reason is retried statement by statement so that
/// one bad row cannot take the other 99 down, and the rows that still fail are reported, never
/// dropped (§8.8); busy errors back off on the injected clock.
struct PriceDataInserter: Sendable {
    static let insertSQL = """
        INSERT OR IGNORE INTO price_data (
          symbol, timestamp, timeframe, open, high, low, close, volume_from, volume_to, source
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// What happened to the rows.
    struct Outcome: Sendable {
        /// Rows actually inserted (`meta.changes`), in all and per source.
        var inserted = 0
        var insertedBySource: [PriceSource: Int] = [:]
        /// Points attempted per source.
        var attemptedBySource: [PriceSource: Int] = [:]
        /// Indices (into the input) of rows that failed non-transiently, with D1's message.
        var failed: [Int: String] = [:]
        /// Indices of rows still busy after the backoff ran out.
        var busy: [Int: String] = [:]
        /// D1's chunk-level error messages, for the log.
        var chunkErrors: [String] = []
    }

    var database: any D1Database
    var retry: BusyRetry

    /// Inserts `points`; never throws: every failure is in the outcome.
    func insert(_ points: [PricePoint]) async -> Outcome {
        var outcome = Outcome()
        let statement = database.prepare(Self.insertSQL)
        for source in PriceSource.insertOrder {
            let indices = points.indices.filter { points[$0].source == source }
            guard !indices.isEmpty else { continue }
            outcome.attemptedBySource[source] = indices.count
            for chunk in Chunking.chunks(indices) {
                // Once the backoff has run out, the database is overloaded: leave the rest for the
                // queue-level retry instead of waiting 15 s per chunk.
                if !outcome.busy.isEmpty {
                    for index in chunk { outcome.busy[index] = outcome.chunkErrors.last ?? "database is locked" }
                    continue
                }
                let statements = chunk.map { statement.bind(values: points[$0].insertValues) }
                do {
                    let results = try await retry.run { try await database.batch(statements) }
                    outcome.add(results.reduce(0) { $0 + $1.meta.changes }, source: source)
                } catch {
                    let message = Self.message(of: error)
                    outcome.chunkErrors.append(message)
                    if BusyRetry.isTransient(error) {
                        for index in chunk { outcome.busy[index] = message }
                    } else {
                        await isolate(chunk, statements: statements, source: source, into: &outcome)
                    }
                }
            }
        }
        return outcome
    }

    /// Runs a failed chunk's statements one at a time, recording the ones that still fail.
    private func isolate(
        _ chunk: [Int], statements: [D1PreparedStatement], source: PriceSource, into outcome: inout Outcome
    ) async {
        for (index, single) in zip(chunk, statements) {
            do {
                let results = try await retry.run { try await database.batch([single]) }
                outcome.add(results.reduce(0) { $0 + $1.meta.changes }, source: source)
            } catch {
                if BusyRetry.isTransient(error) {
                    outcome.busy[index] = Self.message(of: error)
                } else {
                    outcome.failed[index] = Self.message(of: error)
                }
            }
        }
    }

    /// `error.message` as a worker sees it.
    static func message(of error: any Error) -> String {
        (error as? D1Error)?.message ?? String(describing: error)
    }
}

extension PriceDataInserter.Outcome {
    fileprivate mutating func add(_ changes: Int, source: PriceSource) {
        inserted += changes
        insertedBySource[source, default: 0] += changes
    }
}
