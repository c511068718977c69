/// Deduplicates points within a batch (§3.3 step 3) on exactly the `price_data` UNIQUE key
/// `(symbol, timestamp, timeframe, source)` (§8.5 fix: the original key left out `source` and
/// dropped other sources' legitimate rows).
///
/// On a key collision the higher ``PriceSource/priority`` wins and ties keep the first point, as the
/// original; with `source` in the key a collision is always within one source, so the first wins.
/// Every message that contributed a copy is remembered, so a failed row retries all of them.
enum PointDeduplicator {
    /// A unique point and the messages that carried it.
    struct Unique: Sendable, Hashable {
        var point: PricePoint
        var messageIndices: [Int]
    }

    /// The unique points, in first-seen order.
    static func deduplicate(_ entries: [MessageFlattener.Entry]) -> [Unique] {
        var positions: [PricePoint.Key: Int] = [:]
        var unique: [Unique] = []
        unique.reserveCapacity(entries.count)
        for entry in entries {
            let key = entry.point.key
            if let position = positions[key] {
                if entry.point.source.priority > unique[position].point.source.priority {
                    unique[position].point = entry.point
                }
                if !unique[position].messageIndices.contains(entry.messageIndex) {
                    unique[position].messageIndices.append(entry.messageIndex)
                }
            } else {
                positions[key] = unique.count
                unique.append(Unique(point: entry.point, messageIndices: [entry.messageIndex]))
            }
        }
        return unique
    }
}
