/// One page of CryptoCompare history and where the next page starts (§4.4).
struct HistoryPage: Sendable, Hashable {
    /// Candles per request, hard-coded as in the Python worker.
    static let limit = 2000

    /// The real candles (padding removed), oldest first as CryptoCompare returns them.
    var candles: [CryptoCompareCandle]
    /// `toTs` for the next (older) page, or `nil` when the history is exhausted.
    var nextToTs: Int64?

    /// The oldest and newest candle times.
    var oldest: Int64? { candles.map(\.time).min() }
    var newest: Int64? { candles.map(\.time).max() }

    /// Builds the page from what CryptoCompare returned for `limit`.
    ///
    /// §8.7 fix: CryptoCompare returns `limit + 1` candles (both ends inclusive), and the Python
    /// worker paged on only when exactly `limit` came back, so it said "done" after one page. A full
    /// page is now `count >= limit`. All-zero candles are CryptoCompare's padding before the first
    /// trade: they are dropped and mean the history is exhausted.
    init(returned raw: [CryptoCompareCandle], limit: Int = HistoryPage.limit) {
        candles = raw.filter { !$0.isEmptyPadding }
        let full = raw.count >= limit && candles.count == raw.count
        nextToTs = full ? candles.map(\.time).min().map { $0 - 1 } : nil
    }
}
