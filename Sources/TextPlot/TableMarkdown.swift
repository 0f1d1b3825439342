/// GitHub-Flavored Markdown output of `Table`.
extension Table {
    /// The table as a GitHub-Markdown pipe table that stays valid whatever the cells hold: `|` and `\` are
    /// escaped, newlines become `<br>`, rows never wrap. The title is a bold line above, the caption a
    /// paragraph below. Cells are padded so the source reads as a table too.
    public func markdown(words: ChartWords = ChartWords()) -> String {
        guard !columns.isEmpty else { return [title.map { "**\(escape($0))**" }, caption].compactMap { $0 }.joined(separator: "\n\n") }
        let marker = "★"
        let best = columns.indices.map { bestRows(of: $0) }
        var grid: [[String]] = [columns.map { escape($0.header) }]
        for row in rows.indices {
            grid.append(columns.indices.map { column in
                switch cell(row, column) {
                case .empty: return ""
                case .text(let text): return escape(text)
                case .number(let value):
                    let spec = columns[column]
                    let text = escape(spec.format.format(value, nonFinite: spec.nonFinite))
                    return best[column].contains(row) ? "**\(text)** \(marker)" : text
                }
            })
        }
        let widths = columns.indices.map { column in max(3, grid.map { TextWidth.of($0[column]) }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, text in
                alignment(of: column) == .left || alignment(of: column) == .center
                    ? TextWidth.pad(text, to: widths[column]) : TextWidth.padLeft(text, to: widths[column])
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let ruler = columns.indices.map { column -> String in
            let dashes = String(repeating: "-", count: widths[column] - 1)
            switch alignment(of: column) {
            case .left: return ":" + dashes
            case .center: return ":" + String(repeating: "-", count: widths[column] - 2) + ":"
            case .right, .decimal: return dashes + ":"
            }
        }
        var blocks: [String] = []
        if let title { blocks.append("**\(escape(title))**") }
        blocks.append(([line(grid[0]), "| " + ruler.joined(separator: " | ") + " |"] + grid.dropFirst().map(line))
            .joined(separator: "\n"))
        let notes = footnotes(marker: marker, words: words)
        if !notes.isEmpty { blocks.append(notes.joined(separator: "\n")) }
        return blocks.joined(separator: "\n\n")
    }

    /// Cell text made safe inside a pipe table.
    private func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "\n": out += "<br>"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }
}
