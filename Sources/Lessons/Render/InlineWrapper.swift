import TextPlot

/// Lays out inline Markdown as wrapped lines of styled text, measured by display width.
///
/// Styles only add escapes around characters, so the plain and colored renderings wrap the same.
struct InlineWrapper {
    let style: TerminalStyle

    /// A run of characters without spaces in one style.
    private struct Fragment {
        var text: String
        var style: InlineStyle
    }

    /// A unit of layout: a word (fragments with no space between them), a space, or a forced break.
    private enum Token {
        case word([Fragment])
        case space
        case lineBreak
    }

    /// The inlines wrapped to `width` columns; each line is already painted.
    func lines(_ inlines: [Inline], width: Int, base: InlineStyle = []) -> [String] {
        var tokens: [Token] = []
        var current: [Fragment] = []
        func flushWord() {
            if !current.isEmpty { tokens.append(.word(current)); current = [] }
        }
        func add(_ text: String, _ style: InlineStyle) {
            let text = self.style.text(text)
            var piece = ""
            for character in text {
                if character == " " || character == "\n" || character == "\t" {
                    if !piece.isEmpty { current.append(Fragment(text: piece, style: style)); piece = "" }
                    flushWord()
                    tokens.append(.space)
                } else {
                    piece.append(character)
                }
            }
            if !piece.isEmpty { current.append(Fragment(text: piece, style: style)) }
        }
        func walk(_ inlines: [Inline], _ style: InlineStyle) {
            for inline in inlines {
                switch inline {
                case .text(let text): add(text, style)
                case .html(let text): add(text, style.union(.dim))
                case .code(let text): add("`" + text + "`", style.union(.code))
                case .emphasis(let children): walk(children, style.union(.italic))
                case .strong(let children): walk(children, style.union(.bold))
                case .softBreak: flushWord(); tokens.append(.space)
                case .lineBreak: flushWord(); tokens.append(.lineBreak)
                case .link(let text, let url):
                    let label = text.plainText
                    if label == url || label.isEmpty || "mailto:" + label == url {
                        add(url, style.union(.link))
                    } else {
                        walk(text, style.union(.link))
                        add(" (" + url + ")", style.union(.dim))
                    }
                case .image(let alt, _):
                    let text = alt.plainText
                    add("[image" + (text.isEmpty ? "" : ": " + text) + "]", style.union(.dim))
                }
            }
        }
        walk(inlines, base)
        flushWord()
        return layout(tokens, width: max(width, 1))
    }

    private func layout(_ tokens: [Token], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var pendingSpace = false
        func endLine() {
            lines.append(line)
            line = ""
            lineWidth = 0
            pendingSpace = false
        }
        for token in tokens {
            switch token {
            case .space:
                pendingSpace = lineWidth > 0
            case .lineBreak:
                endLine()
            case .word(let fragments):
                let wordWidth = fragments.reduce(0) { $0 + TextWidth.of($1.text) }
                let needed = wordWidth + (pendingSpace ? 1 : 0)
                if lineWidth > 0 && lineWidth + needed > width { endLine() }
                if pendingSpace && lineWidth > 0 { line += " "; lineWidth += 1 }
                pendingSpace = false
                for fragment in fragments {
                    // A word wider than the whole line is cut into line-sized pieces.
                    var rest = fragment.text
                    while lineWidth + TextWidth.of(rest) > width, !rest.isEmpty {
                        var head = TextWidth.prefix(rest, width: width - lineWidth)
                        if head.isEmpty && lineWidth == 0, let first = rest.first { head = String(first) }
                        if !head.isEmpty {
                            line += style.paint(head, fragment.style)
                            rest.removeFirst(head.count)
                        }
                        endLine()
                    }
                    line += style.paint(rest, fragment.style)
                    lineWidth += TextWidth.of(rest)
                }
            }
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
