// PLACEHOLDER (site-core's branch, so that the site builds): the site-svg branch owns this file; the
// merge takes its version.

/// A table as an HTML <table>.
public enum HTMLTable {
    public static func html(_ table: Table, catalog: MessageCatalog) -> String {
        var html = "<div class=\"table-scroll\"><table class=\"result-table\">"
        if let caption = table.caption ?? table.title { html += "<caption>\(HTML.escaped(catalog.text(caption)))</caption>" }
        html += "<thead><tr>" + table.columns.map { "<th>\(HTML.escaped(catalog.text($0.header)))</th>" }.joined() + "</tr></thead><tbody>"
        for row in table.rows {
            html += "<tr>" + row.map { cell -> String in
                switch cell {
                case .text(let phrase): "<td>\(HTML.escaped(catalog.text(phrase)))</td>"
                case .number(let value): "<td class=\"num\">\(value)</td>"
                case .empty: "<td></td>"
                }
            }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>"
    }
}
