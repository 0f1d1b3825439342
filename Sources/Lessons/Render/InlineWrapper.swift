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
        var previous: Character?
        // A soft break is a space, or nothing between two Chinese characters: that depends on the next one.
        var softBreakPending = false
        func add(_ text: String, _ style: InlineStyle) {
            let text = self.style.text(text)
            var piece = ""
            func space() {
                if !piece.isEmpty { current.append(Fragment(text: piece, style: style)); piece = "" }
                flushWord()
                tokens.append(.space)
                previous = nil
            }
            for character in text {
                if softBreakPending {
                    softBreakPending = false
                    if !(previous.map { LineBreak.softBreakVanishes(between: $0, and: character) } ?? false) { space() }
                }
                if character == " " || character == "\n" || character == "\t" {
                    space()
                    continue
                }
                if let previous, LineBreak.allowed(between: previous, and: character) {
                    // A break without a space: the next word follows this one directly.
                    if !piece.isEmpty { current.append(Fragment(text: piece, style: style)); piece = "" }
                    flushWord()
                }
                piece.append(character)
                previous = character
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
                case .softBreak: softBreakPending = true
                case .lineBreak:
                    flushWord()
                    tokens.append(.lineBreak)
                    (previous, softBreakPending) = (nil, false)
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
                    var rest = Substring(fragment.text)
                    while true {
                        let head = rest.removePrefix(fittingIn: width - lineWidth, atLeastOne: lineWidth == 0)
                        if rest.isEmpty {
                            line += style.paint(head, fragment.style)
                            lineWidth += TextWidth.of(head)
                            break
                        }
                        if !head.isEmpty { line += style.paint(head, fragment.style) }
                        endLine()
                    }
                }
            }
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension Substring {
    /// Removes and returns the longest prefix that fits in `width` columns (one character at least
    /// when `atLeastOne`), in time proportional to what it removes: measuring or cutting the whole
    /// rest for every piece made a 1 MB word take minutes to wrap.
    mutating func removePrefix(fittingIn width: Int, atLeastOne: Bool) -> String {
        var used = 0
        var end = startIndex
        while end < endIndex {
            let columns = TextWidth.of(self[end])
            if used + columns > width { break }
            used += columns
            formIndex(after: &end)
        }
        if end == startIndex, atLeastOne, end < endIndex { formIndex(after: &end) }
        let head = String(self[startIndex..<end])
        self = self[end...]
        return head
    }
}
