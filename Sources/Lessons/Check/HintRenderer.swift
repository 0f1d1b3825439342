import TextPlot

/// What `learn hint` and `learn solution` print, in the style the command line asked for:
/// wrapped to the width, in ASCII under `--ascii`, the heading bold under color.
public struct HintRenderer: Sendable {
    /// Width, character set and color.
    public let style: TerminalStyle

    /// Creates a renderer.
    public init(style: TerminalStyle) {
        self.style = style
    }

    /// "Hint 1 of 2: …", and after the last hint, where the solution is.
    public func hint(number: Int, count: Int, text: String, solutionCommand: String) -> String {
        let catalog = style.catalog
        var lines = [style.paint(catalog.text("Hint \(number) of \(count):"), .bold) + " " + style.text(text)]
        if number == count {
            lines.append(catalog.text("That was the last hint. \("`\(solutionCommand)`") shows the worked solution once you pass."))
        }
        return lines.map(wrapped).joined(separator: "\n")
    }

    /// A worked solution: its lines wrapped to the width, except indented ones (code, tables).
    public func solution(_ text: String) -> String {
        wrapped(style.text(text))
    }

    /// Each line of `text` longer than the width, wrapped at spaces; indented lines kept as written.
    private func wrapped(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            guard TextWidth.of(line) > style.width, line.first != " ", line.first != "\t" else { return line }
            return TextWrap.lines(line, width: style.width).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
