/// The narrow layout of `Table`: one block per row, each cell on its own line under a rule,
/// used when the columns cannot sit side by side within the width (a phone-width terminal, many columns).
extension Table {
    func records(_ cells: [[Prepared]], _ options: RenderOptions, marker: String) -> String {
        let width = options.width
        let fill = options.unicode ? "─" : "-"
        let widestNumber = cells.joined().filter(\.atomic).map(\.line.width).max() ?? 0
        let headerWidth = max(4, min(columns.map { TextWidth.of($0.header) }.max() ?? 0, width / 2, width - 2 - widestNumber))
        let valueWidth = max(width - headerWidth - 2, 1)
        var out: [StyledLine] = []
        if let title {
            out += TextWrap.lines(title, width: width).map { StyledLine($0, .bold) }
        }
        for row in rows.indices {
            let label = "\(fill)\(fill) \(row + 1) "
            out.append(StyledLine(label + String(repeating: fill, count: max(width - TextWidth.of(label), 0)), .dim))
            for column in columns.indices {
                let headerLines = TextWrap.lines(columns[column].header, width: headerWidth)
                let cell = cells[column][row]
                let values = cell.atomic || cell.line.plain.isEmpty
                    ? [cell.line] : TextWrap.lines(cell.line.plain, width: valueWidth).map { StyledLine($0) }
                for index in 0..<max(headerLines.count, values.count) {
                    var line = StyledLine()
                    let header = index < headerLines.count ? headerLines[index] : ""
                    line.append(header, .bold)
                    line.appendSpaces(headerWidth + 2 - TextWidth.of(header))
                    if index < values.count { line.append(values[index]) }
                    out.append(line)
                }
            }
        }
        if !rows.isEmpty {
            out.append(StyledLine(String(repeating: fill, count: width), .dim))
        }
        for note in footnotes(marker: marker, words: options.words) {
            out += TextWrap.lines(note, width: width).map { StyledLine($0) }
        }
        return out.map { trimmed($0.text(color: options.color)) }.joined(separator: "\n")
    }

    /// A line without trailing spaces (the colored form ends in an escape, never in padding).
    private func trimmed(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
