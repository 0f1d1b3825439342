/// A line built from pieces that may carry a color, kept as plain text and as colored text side by side,
/// so the colored line is the plain one with escapes added and nothing else.
struct StyledLine: Sendable, Hashable {
    private(set) var plain = ""
    private(set) var colored = ""
    private(set) var width = 0

    init() {}

    init(_ text: String, _ style: ANSI.Style? = nil) {
        append(text, style)
    }

    mutating func append(_ text: String, _ style: ANSI.Style? = nil) {
        plain += text
        colored += ANSI.paint(text, style, true)
        width += TextWidth.of(text)
    }

    mutating func append(_ other: StyledLine) {
        plain += other.plain
        colored += other.colored
        width += other.width
    }

    mutating func appendSpaces(_ count: Int) {
        if count > 0 { append(String(repeating: " ", count: count)) }
    }

    /// This line aligned in `width` columns.
    func aligned(_ alignment: Table.Alignment, in width: Int) -> StyledLine {
        let extra = max(0, width - self.width)
        var line = StyledLine()
        switch alignment {
        case .left, .decimal:
            line.append(self)
            line.appendSpaces(extra)
        case .right:
            line.appendSpaces(extra)
            line.append(self)
        case .center:
            line.appendSpaces(extra / 2)
            line.append(self)
            line.appendSpaces(extra - extra / 2)
        }
        return line
    }

    func text(color: Bool) -> String { color ? colored : plain }
}
