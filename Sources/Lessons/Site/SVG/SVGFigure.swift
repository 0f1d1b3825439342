// PLACEHOLDER (site-core's branch, so that the site builds): the site-svg branch owns this file and
// draws every figure for real; the merge takes its version.

/// A figure as an inline SVG element.
public enum SVGFigure {
    /// The figure as one inline <svg> element with a <title> and <desc>, ids made unique with `idPrefix`.
    public static func svg(_ figure: Figure, catalog: MessageCatalog, idPrefix: String) -> String {
        let title = HTML.escaped(catalog.text(Self.title(figure)) ?? "figure")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure\" role=\"img\" aria-labelledby=\"\(idPrefix)-title \(idPrefix)-desc\" "
            + "viewBox=\"0 0 320 40\" width=\"320\" height=\"40\">"
            + "<title id=\"\(idPrefix)-title\">\(title)</title><desc id=\"\(idPrefix)-desc\">\(title)</desc>"
            + "<text x=\"4\" y=\"24\" class=\"label\">\(title)</text></svg>"
    }

    private static func title(_ figure: Figure) -> Phrase? {
        switch figure {
        case .table(let table): table.title
        case .lineChart(let chart): chart.title
        case .surface(let surface): surface.title
        case .histogram(let histogram): histogram.title
        case .barChart(let chart): chart.title
        case .sparkline: nil
        case .images(let grid): grid.title
        }
    }
}
