// PLACEHOLDER (site-core's branch, so that the site builds): site-svg owns this folder; the merge
// takes its stylesheet.

extension SVGFigure {
    /// The figures' rules for the site's stylesheet.
    public static let stylesheet = """
        svg.figure { display: block; max-width: 100%; height: auto; }
        .figure-scroll { max-width: 100%; overflow-x: auto; }
        .table-scroll { max-width: 100%; overflow-x: auto; }
        table.result-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        """
}
