import FlareWorkerAPI

/// Validated messages on their way into the broker: the ids and bodies of one `send` or
/// `sendBatch` serialised into a single arena, which the insert binds without copying.
struct OutgoingBatch: ~Copyable {
    /// One message: where its id and body lie in the arena.
    struct Entry {
        var id: Range<Int>
        var body: Range<Int>
        var contentType: QueueContentType
        var delaySeconds: Int
    }

    private(set) var arena: ByteArena
    private(set) var entries: [Entry] = []
    private var ids = MessageIDGenerator()

    /// Room for `count` messages of about 200 bytes each before the arena grows.
    init(expecting count: Int) {
        arena = ByteArena(capacity: count * 200)
        entries.reserveCapacity(count)
    }

    /// Serialises `body` with a fresh id; returns the body's stored length.
    mutating func append(_ body: QueueMessageBody, delaySeconds: Int) -> Int {
        let idStart = arena.count
        ids.write(into: &arena)
        let bodyStart = arena.count
        QueueBodyCodec.serialize(body, into: &arena)
        entries.append(
            Entry(
                id: idStart..<bodyStart, body: bodyStart..<arena.count, contentType: body.contentType,
                delaySeconds: delaySeconds))
        return arena.count - bodyStart
    }

    /// Whether any message is due without a delay.
    var hasUndelayed: Bool { entries.contains { $0.delaySeconds <= 0 } }

    /// The stored bytes of all bodies.
    var bodyBytes: Int { entries.reduce(0) { $0 + $1.body.count } }
}

extension QueueContentType {
    /// The `content_type` column's value, bound without a copy.
    var storedName: StaticString {
        switch self {
        case .json: "json"
        case .text: "text"
        case .bytes: "bytes"
        case .v8: "v8"
        }
    }
}
