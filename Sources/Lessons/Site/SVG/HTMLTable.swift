import TextPlot

/// A result's `Table` as an HTML table: the title as its `<caption>`, numbers in their column's format,
/// right-aligned (`class="num"`, set in tabular figures by the stylesheet), the best value of a column
/// marked with ★ and `class="best"`, and the table's caption and the star's meaning in notes under it.
/// Every text is escaped; the table sits in a `div.table-scroll` so that a wide one scrolls on its own.
public enum HTMLTable {
    /// The table as an HTML fragment, its words from `catalog`.
    public static func html(_ table: Table, catalog: MessageCatalog) -> String {
        let drawn = FigureDrawing(catalog: catalog).table(table)
        var out = ""
        guard !table.columns.isEmpty else {
            for text in [drawn.title, drawn.caption].compactMap({ $0 }) { out += "<p class=\"table-note\">\(cellText(text))</p>\n" }
            return out
        }
        let bestMark = "<span class=\"best-mark\" role=\"img\" aria-label=\"\(MarkupText.escaped(catalog.text("best")))\">★</span>"
        out += "<div class=\"table-scroll\"><table class=\"result-table\">\n"
        if let title = drawn.title, !title.isEmpty { out += "<caption>\(cellText(title))</caption>\n" }
        let classes = table.columns.indices.map { column -> String in
            switch drawn.alignment(of: column) {
            case .right, .decimal: "num"
            case .center: "center"
            case .left: ""
            }
        }
        out += "<thead><tr>"
        for (column, spec) in drawn.columns.enumerated() {
            out += "<th scope=\"col\"\(attribute(classes[column]))>\(cellText(spec.header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        let best = table.columns.indices.map { drawn.bestRows(of: $0) }
        for (row, cells) in table.rows.enumerated() {
            out += "<tr>"
            for (column, spec) in drawn.columns.enumerated() {
                let cell: Table.Cell = column < cells.count ? cells[column] : .empty
                var classList = [classes[column]]
                var content = ""
                switch cell {
                case .empty: break
                case .text(let phrase): content = cellText(catalog.text(phrase))
                case .number(let value):
                    content = MarkupText.escaped(spec.format.format(value, nonFinite: spec.nonFinite))
                    if !value.isFinite { classList.append("nonfinite") }
                    if best[column].contains(row) {
                        classList.append("best")
                        content += " " + bestMark
                    }
                }
                out += "<td\(attribute(classList.filter { !$0.isEmpty }.joined(separator: " ")))>\(content)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        if let caption = drawn.caption, !caption.isEmpty { out += "<p class=\"table-note\">\(cellText(caption))</p>\n" }
        let bestColumns = table.columns.compactMap { column -> Phrase? in
            guard let rule = column.best else { return nil }
            // A header on two lines is one name here, as in the terminal's note.
            let header = Phrase(verbatim: catalog.text(column.header).split(separator: "\n").joined(separator: " "))
            return rule == .lowest ? "lowest \(header)" : "highest \(header)"
        }
        if !bestColumns.isEmpty, !table.rows.isEmpty {
            let note = catalog.text("best in its column: \(bestColumns.joined(separator: ", "))")
            out += "<p class=\"table-note\">\(bestMark) \(cellText(note))</p>\n"
        }
        return out
    }

    /// ` class="…"`, or nothing for no class.
    private static func attribute(_ classes: String) -> String {
        classes.isEmpty ? "" : " class=\"\(classes)\""
    }

    /// Escaped text with its line breaks kept as `<br>`.
    private static func cellText(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { MarkupText.escaped(String($0)) }
            .joined(separator: "<br>")
    }
}
