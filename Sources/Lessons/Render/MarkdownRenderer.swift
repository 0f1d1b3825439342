import TextPlot

/// Renders Markdown blocks as terminal text: wrapped to the width, styled when color is on.
///
/// Headings differ by level (underlined with `═`, `─` or `·`), lists nest with their own bullets,
/// quotes and shown code are set off by a gutter or indentation, links keep their URL.
public struct MarkdownRenderer: Sendable {
    /// Width, character set and color.
    public let style: TerminalStyle

    /// Creates a renderer.
    public init(style: TerminalStyle) {
        self.style = style
    }

    /// The blocks as lines, separated by blank lines, without a trailing newline.
    public func render(_ blocks: [Block]) -> String {
        lines(blocks, width: style.width).joined(separator: "\n")
    }

    /// The blocks as lines for a column `width` wide.
    func lines(_ blocks: [Block], width: Int, tight: Bool = false) -> [String] {
        var result: [String] = []
        for block in blocks {
            if !result.isEmpty && !tight { result.append("") }
            result += lines(block, width: width)
        }
        return result
    }

    func lines(_ block: Block, width: Int) -> [String] {
        // Quotes and lists nested deeper than the terminal is wide leave no room: draw one column
        // rather than trap on a negative count (found by Fuzz/run.sh lesson).
        let width = max(width, 1)
        let wrapper = InlineWrapper(style: style)
        switch block {
        case .heading(let level, let inlines, _):
            let underline: String? = switch level {
            case 1: style.pick("═", "=")
            case 2: style.pick("─", "-")
            case 3: style.pick("·", ".")
            default: nil
            }
            guard let underline else {
                // Deeper headings get a marker rather than a rule, so that they still read as
                // headings without color.
                let marker = style.pick("▸ ", "> ")
                let text = wrapper.lines(inlines, width: width - 2, base: .bold)
                return text.enumerated().map { ($0.offset == 0 ? style.paint(marker, .dim) : "  ") + $0.element }
            }
            let text = wrapper.lines(inlines, width: width, base: level <= 2 ? .heading : .bold)
            let length = min(width, text.map { TextWidth.of(ANSI.strip($0)) }.max() ?? 0)
            return text + [style.paint(String(repeating: underline, count: length), .dim)]
        case .paragraph(let inlines, _):
            return wrapper.lines(inlines, width: width)
        case .list(let start, let tight, let items, _):
            return listLines(start: start, tight: tight, items: items, width: width)
        case .blockQuote(let blocks, _):
            let gutter = style.paint(style.pick("│ ", "| "), .dim)
            // A blank line between the quote's paragraphs keeps its bar but no trailing space.
            let bar = style.paint(style.pick("│", "|"), .dim)
            return lines(blocks, width: width - 2).map { $0.isEmpty ? bar : gutter + $0 }
        case .code(_, let text, _, _, _):
            return codeLines(text, width: width)
        case .thematicBreak:
            return [style.paint(String(repeating: style.pick("─", "-"), count: width), .dim)]
        case .html(let text, _):
            return style.text(text).split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { TextWrap.lines(String($0), width: width) }
                .map { style.paint($0, .dim) }
        }
    }

    /// Bullets change with depth (• ◦ ▪); numbers are right-aligned; content hangs under its text.
    private func listLines(start: Int?, tight: Bool, items: [[Block]], width: Int) -> [String] {
        let bullets = style.unicode ? ["•", "◦", "▪"] : ["*", "-", "+"]
        let bullet = bullets[listDepth % bullets.count]
        let last = (start ?? 1) + items.count - 1
        let numberWidth = start == nil ? 1 : "\(last).".count
        var result: [String] = []
        for (index, item) in items.enumerated() {
            if !tight && index > 0 { result.append("") }
            let marker = start.map { "\($0 + index)." } ?? bullet
            let padded = String(repeating: " ", count: numberWidth - marker.count) + marker + " "
            let indent = String(repeating: " ", count: padded.count)
            var nested = self
            nested.listDepth += 1
            let body = nested.lines(item, width: width - padded.count, tight: tight)
            for (lineIndex, line) in (body.isEmpty ? [""] : body).enumerated() {
                result.append(lineIndex == 0 ? style.paint(padded, .dim) + line : (line.isEmpty ? "" : indent + line))
            }
        }
        return result
    }

    /// Shown code is indented four columns; a line too long for the width continues on the next
    /// line after a `↪` (nothing of it is cut).
    private func codeLines(_ text: String, width: Int) -> [String] {
        let indent = "    "
        let available = max(width - indent.count, 8)
        var result: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(style.text(Self.expandingTabs(line)))
            var first = true
            repeat {
                let prefix = first ? "" : style.pick("↪ ", "> ")
                let room = available - prefix.count
                let head = rest.removePrefix(fittingIn: room, atLeastOne: true)
                let shown = (prefix.isEmpty ? "" : style.paint(prefix, .dim)) + style.paint(head, .code)
                result.append(head.isEmpty && prefix.isEmpty ? "" : indent + shown)
                first = false
            } while !rest.isEmpty
        }
        return result
    }

    /// Tabs become spaces up to the next multiple of four columns. Left as tabs, they would be
    /// measured as nothing while the terminal moves to its own tab stops, overflowing the width.
    static func expandingTabs(_ line: Substring) -> String {
        guard line.contains("\t") else { return String(line) }
        var result = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 4 - column % 4
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                result.append(character)
                column += TextWidth.of(character)
            }
        }
        return result
    }

    /// How deeply lists are nested at this point (chooses the bullet).
    private var listDepth = 0
}
