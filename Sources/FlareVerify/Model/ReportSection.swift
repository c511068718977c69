/// One numbered test of a script: its heading (`Test 1: Verifying queues exist...`) and lines.
public struct ReportSection: Sendable, Codable, Equatable {
    /// The heading, printed before the lines.
    public var title: String
    /// Blank lines printed before the heading (the original prints two before Test 2).
    public var blankLinesBefore: Int
    /// The lines, in order.
    public var lines: [ReportLine]

    /// Creates a section.
    public init(title: String, blankLinesBefore: Int = 1, lines: [ReportLine] = []) {
        self.title = title
        self.blankLinesBefore = blankLinesBefore
        self.lines = lines
    }

    /// The line of check `id`, if the section has one.
    public func line(_ id: String) -> ReportLine? {
        lines.first { $0.id == id }
    }
}
