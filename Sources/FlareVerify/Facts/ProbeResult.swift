/// What the behavioural probes saw in the scratch copy (Tests 6 of `queue-system`, 7 and 8).
public struct ProbeResult: Sendable, Codable, Equatable {
    /// What happened to a second, conflicting copy of the probe point.
    public enum Duplicate: String, Sendable, Codable, Equatable {
        /// Acked, and the stored row kept its values: `INSERT OR IGNORE`.
        case ignored
        /// The stored row took the new values (`INSERT OR REPLACE`, an upsert).
        case replaced
        /// A second row was stored.
        case duplicated
        /// The insert failed (a constraint error, retried or dead-lettered).
        case rejected
        /// The probe could not be run or the first copy was not stored.
        case notRun
    }

    /// Why the probes could not run at all (the scratch emulator did not start), if so.
    public var setupError: String?
    /// The table the probe point landed in (`price_data`, `historical_prices`), if any.
    public var probeTable: String?
    /// The duplicate's fate.
    public var duplicate: Duplicate
    /// Why the probe point was not stored, when known.
    public var consumerNote: String?
    /// The import worker's `/trigger` status (`nil`: not run).
    public var triggerStatus: Int?
    /// Its error body, for a status other than 200.
    public var triggerError: String?
    /// Candles the canned upstream answered with.
    public var candlesOffered: Int
    /// Messages the import worker put on the queue.
    public var messagesQueued: Int
    /// Price points inside those messages.
    public var pointsQueued: Int

    /// Creates a result.
    public init(
        setupError: String? = nil, probeTable: String? = nil, duplicate: Duplicate = .notRun,
        consumerNote: String? = nil, triggerStatus: Int? = nil, triggerError: String? = nil, candlesOffered: Int = 0,
        messagesQueued: Int = 0, pointsQueued: Int = 0
    ) {
        self.setupError = setupError
        self.probeTable = probeTable
        self.duplicate = duplicate
        self.consumerNote = consumerNote
        self.triggerStatus = triggerStatus
        self.triggerError = triggerError
        self.candlesOffered = candlesOffered
        self.messagesQueued = messagesQueued
        self.pointsQueued = pointsQueued
    }
}
