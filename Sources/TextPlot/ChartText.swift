/// Text pieces shared by the charts: titles, legends, notes, and the final fitting to an exact size.
enum ChartText {
    /// A legend entry: a glyph (drawn in its color) and what it stands for.
    struct Entry {
        var glyph: String
        var style: ANSI.Style?
        var text: String
    }

    /// The title centred on one or more lines.
    static func title(_ title: String?, width: Int) -> [StyledLine] {
        guard let title, !title.isEmpty else { return [] }
        return TextWrap.lines(title, width: width).map { text in
            var line = StyledLine()
            line.appendSpaces((width - TextWidth.of(text)) / 2)
            line.append(text, .bold)
            return line
        }
    }

    /// Legend entries flowed left to right, three spaces apart, onto as many lines as needed.
    static func legend(_ entries: [Entry], width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        var current = StyledLine()
        for entry in entries {
            let pieceWidth = TextWidth.of(entry.glyph) + 1 + TextWidth.of(entry.text)
            if current.width > 0 && current.width + 3 + pieceWidth > width {
                lines.append(current)
                current = StyledLine()
            }
            if current.width > 0 { current.appendSpaces(3) }
            current.append(entry.glyph, entry.style)
            // An entry longer than the whole line wraps its text under itself.
            let room = max(width - current.width - 1, 1)
            let parts = TextWrap.lines(entry.text, width: room)
            current.append(" " + parts[0])
            for part in parts.dropFirst() {
                lines.append(current)
                current = StyledLine(String(repeating: " ", count: max(width - room, 0)) + part)
            }
        }
        if current.width > 0 { lines.append(current) }
        return lines
    }

    /// Notes (warnings about non-finite values, captions) wrapped to the width.
    static func notes(_ notes: [String], width: Int) -> [StyledLine] {
        notes.flatMap { TextWrap.lines($0, width: width).map { StyledLine($0) } }
    }

    /// The lines joined, each padded to exactly `width` columns (and cut, without color, in the rare case
    /// one is wider), and, when `height` is given, exactly `height` lines: blank lines are added at the
    /// bottom, and lines past the height are dropped from the bottom.
    static func finish(_ lines: [StyledLine], width: Int, height: Int?, color: Bool) -> String {
        var lines = lines
        if let height {
            if lines.count > height { lines.removeLast(lines.count - height) }
            while lines.count < height { lines.append(StyledLine()) }
        }
        return lines.map { line -> String in
            // Cut by display width: a wide character that would straddle the edge goes, and a space takes its place.
            if line.width > width { return TextWidth.pad(TextWidth.prefix(line.plain, width: width), to: width) }
            var padded = line
            padded.appendSpaces(width - line.width)
            return padded.text(color: color)
        }.joined(separator: "\n")
    }
}

/// The glyphs that tell series, paths and histograms apart without color, in order.
enum Glyphs {
    static func series(_ index: Int, unicode: Bool) -> Character {
        let glyphs: [Character] = unicode ? ["●", "○", "◆", "◇", "■", "□", "▲", "△"] : ["*", "o", "+", "x", "&", "$", "%", "~"]
        return glyphs[index % glyphs.count]
    }

    static func style(_ index: Int) -> ANSI.Style {
        ANSI.seriesStyles[index % ANSI.seriesStyles.count]
    }
}
