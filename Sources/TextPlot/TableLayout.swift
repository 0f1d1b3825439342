/// Rendering of `Table` with borders: number preparation, width fitting and wrapping.
extension Table {
    /// A cell ready for layout: numbers are one atomic line, text wraps.
    struct Prepared {
        var line: StyledLine
        var atomic: Bool
    }

    /// Renders the table with Unicode or ASCII borders, wrapping text columns to fit `options.width`.
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let marker = options.unicode ? "★" : "*"
        var out: [StyledLine] = []
        guard !columns.isEmpty else {
            for text in [title, caption].compactMap({ $0 }) {
                out += TextWrap.lines(text, width: options.width).map { StyledLine($0) }
            }
            return out.map { $0.text(color: options.color) }.joined(separator: "\n")
        }
        let cells = (0..<columns.count).map { prepareColumn($0, marker: marker) }
        guard let widths = fit(cells, available: options.width - 1 - 3 * columns.count) else {
            return records(cells, options, marker: marker)
        }
        let tableWidth = 1 + widths.reduce(0) { $0 + $1 + 3 }
        let box = BoxChars(options.charset)

        if let title {
            out += TextWrap.lines(title, width: tableWidth).map {
                var line = StyledLine()
                line.appendSpaces((tableWidth - TextWidth.of($0)) / 2)
                line.append($0, .bold)
                return line
            }
        }
        out.append(rule(box.top, widths))
        let headers = columns.map { StyledLine($0.header, .bold) }
        out += rowLines(headers.map { Prepared(line: $0, atomic: false) }, widths, box, header: true)
        out.append(rule(box.headerRule, widths))
        for row in rows.indices {
            out += rowLines(cells.map { $0[row] }, widths, box, header: false)
        }
        out.append(rule(box.bottom, widths))
        for note in footnotes(marker: marker, words: options.words) {
            out += TextWrap.lines(note, width: max(options.width, tableWidth)).map { StyledLine($0) }
        }
        return out.map { $0.text(color: options.color) }.joined(separator: "\n")
    }

    /// Each row's cell for one column, numbers formatted and lined up on the decimal point.
    func prepareColumn(_ column: Int, marker: String) -> [Prepared] {
        let spec = columns[column]
        let alignment = alignment(of: column)
        let best = bestRows(of: column)
        let markerWidth = spec.best == nil ? 0 : 1 + TextWidth.of(marker)
        // Split each number at its decimal point; words (NaN, "diverged") are aligned as a whole.
        var parts: [Int: (whole: String, fraction: String, word: Bool)] = [:]
        for row in rows.indices {
            guard case .number(let value) = cell(row, column) else { continue }
            let text = spec.format.format(value, nonFinite: spec.nonFinite)
            if !value.isFinite {
                parts[row] = (text, "", true)
            } else if let dot = text.firstIndex(of: ".") {
                parts[row] = (String(text[..<dot]), String(text[dot...]), false)
            } else {
                parts[row] = (text, "", false)
            }
        }
        let numbers = parts.values.filter { !$0.word }
        let wholeWidth = numbers.map { TextWidth.of($0.whole) }.max() ?? 0
        let fractionWidth = numbers.map { TextWidth.of($0.fraction) }.max() ?? 0
        let wordWidth = parts.values.filter { $0.word }.map { TextWidth.of($0.whole) }.max() ?? 0
        let block = max(wholeWidth + fractionWidth, wordWidth)

        return rows.indices.map { row in
            switch cell(row, column) {
            case .empty:
                return Prepared(line: StyledLine(), atomic: false)
            case .text(let text):
                return Prepared(line: StyledLine(text), atomic: false)
            case .number(let value):
                let part = parts[row]!
                let isBest = best.contains(row)
                let style: ANSI.Style? = isBest ? .best : (value.isFinite ? nil : .red)
                var line = StyledLine()
                if alignment == .decimal && !part.word {
                    line.appendSpaces(block - fractionWidth - TextWidth.of(part.whole))
                    line.append(part.whole + part.fraction + (isBest ? " " + marker : ""), style)
                    line.appendSpaces(fractionWidth - TextWidth.of(part.fraction) + (isBest ? 0 : markerWidth))
                } else {
                    let text = part.whole + part.fraction
                    line.appendSpaces(alignment == .decimal ? block - TextWidth.of(text) : 0)
                    line.append(text + (isBest ? " " + marker : ""), style)
                    if !isBest && alignment == .decimal { line.appendSpaces(markerWidth) }
                }
                return Prepared(line: line, atomic: true)
            }
        }
    }

    /// Column widths that fit `available` columns of content: text columns first shrink to their longest word,
    /// then break words, but not below a few characters; numbers never shrink. `nil` when that cannot fit.
    private func fit(_ cells: [[Prepared]], available: Int) -> [Int]? {
        var natural: [Int] = []
        var wordFloor: [Int] = []
        var hardFloor: [Int] = []
        for (column, spec) in columns.enumerated() {
            let headerLines = TextWrap.lines(spec.header, width: Int.max / 2)
            var width = headerLines.map { TextWidth.of($0) }.max() ?? 0
            var words = TextWrap.longestWord(spec.header)
            var atomic = 0
            for cell in cells[column] {
                let lines = cell.atomic ? [cell.line.plain] : TextWrap.lines(cell.line.plain, width: Int.max / 2)
                width = max(width, lines.map { TextWidth.of($0) }.max() ?? 0)
                if cell.atomic { atomic = max(atomic, cell.line.width) } else {
                    words = max(words, TextWrap.longestWord(cell.line.plain))
                }
            }
            natural.append(max(width, 1))
            hardFloor.append(max(atomic, 1))
            wordFloor.append(max(atomic, words, 1))
        }
        var widths = natural
        // Breaking words is fine down to a few characters; below that a column is a vertical smear.
        let readableFloor = zip(hardFloor, wordFloor).map { max($0, min($1, 5)) }
        for floor in [wordFloor, readableFloor] {
            while widths.reduce(0, +) > available {
                // Shrink the widest column that still can: wide columns lose the least by wrapping.
                guard let column = widths.indices.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] })
                else { break }
                widths[column] -= 1
            }
        }
        return widths.reduce(0, +) > available ? nil : widths
    }

    /// The lines of one row: each text cell wrapped to its column, cells top-aligned.
    private func rowLines(_ cells: [Prepared], _ widths: [Int], _ box: BoxChars, header: Bool) -> [StyledLine] {
        var wrapped: [[StyledLine]] = []
        for (column, cell) in cells.enumerated() {
            if cell.atomic || cell.line.plain.isEmpty {
                wrapped.append([cell.line])
            } else {
                let style: ANSI.Style? = header ? .bold : nil
                wrapped.append(TextWrap.lines(cell.line.plain, width: widths[column]).map { StyledLine($0, style) })
            }
        }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { index in
            var line = StyledLine(box.bar, .dim)
            for column in cells.indices {
                var alignment = alignment(of: column)
                if alignment == .decimal && (header || cells[column].atomic) { alignment = .right }
                let piece = index < wrapped[column].count ? wrapped[column][index] : StyledLine()
                line.append(" ")
                line.append(piece.aligned(alignment, in: widths[column]))
                line.append(" ")
                line.append(box.bar, .dim)
            }
            return line
        }
    }

    private func rule(_ chars: BoxChars.Rule, _ widths: [Int]) -> StyledLine {
        var text = chars.left
        for (index, width) in widths.enumerated() {
            text += String(repeating: chars.fill, count: width + 2)
            text += index == widths.count - 1 ? chars.right : chars.cross
        }
        return StyledLine(text, .dim)
    }
}

extension Table: ASCIISpellable {
    func asciiSpelled() -> Table? {
        var changed = false, copy = self
        copy.title = ASCIIText.spell(title, &changed)
        copy.caption = ASCIIText.spell(caption, &changed)
        for index in copy.columns.indices {
            copy.columns[index].header = ASCIIText.spell(columns[index].header, &changed)
            copy.columns[index].nonFinite = ASCIIText.spell(columns[index].nonFinite, &changed)
        }
        for row in copy.rows.indices {
            for column in copy.rows[row].indices {
                if case .text(let text) = rows[row][column] { copy.rows[row][column] = .text(ASCIIText.spell(text, &changed)) }
            }
        }
        return changed ? copy : nil
    }
}
