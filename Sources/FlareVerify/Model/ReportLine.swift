/// One line of a verification report.
public struct ReportLine: Sendable, Codable, Equatable {
    /// The check's number in the original script (`1a`, `2b`, `E1`), for PASS/WARN/FAIL lines.
    public var id: String?
    /// What kind of line.
    public var status: CheckStatus
    /// The message, without prefix or colour.
    public var message: String

    /// Creates a line.
    public init(id: String? = nil, status: CheckStatus, message: String) {
        self.id = id
        self.status = status
        self.message = message
    }

    /// A PASS line.
    public static func pass(_ id: String?, _ message: String) -> ReportLine {
        ReportLine(id: id, status: .pass, message: message)
    }

    /// A WARN line.
    public static func warn(_ id: String?, _ message: String) -> ReportLine {
        ReportLine(id: id, status: .warn, message: message)
    }

    /// A FAIL line.
    public static func fail(_ id: String?, _ message: String) -> ReportLine {
        ReportLine(id: id, status: .fail, message: message)
    }

    /// An INFO line.
    public static func info(_ message: String) -> ReportLine {
        ReportLine(status: .info, message: message)
    }

    /// A plain line.
    public static func text(_ message: String) -> ReportLine {
        ReportLine(status: .text, message: message)
    }
}
