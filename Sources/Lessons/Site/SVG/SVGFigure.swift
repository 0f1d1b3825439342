/// A result's figure as inline SVG for the web edition, drawn from the same values the terminal draws
/// (`FigureDrawing`), with the same axes and ticks (TextPlot's `Axis`), the same level bands and the
/// same notes on what could not be drawn.
///
/// Each `<svg>` is self-contained: no external resource, no script, no font; `role="img"` and
/// `aria-labelledby` naming its `<title>` (the figure's title) and `<desc>` (what it shows in words:
/// the series and where they end, the bins and their fullest, each bar's value …). Ids start with the
/// caller's `idPrefix`, so several figures can share a page. Numbers are written without locale and
/// the layout needs no font metrics, so the same figure gives the same bytes on every machine.
///
/// ## Classes for the stylesheet
/// Every color is also given as a presentation attribute, so a figure reads without any stylesheet;
/// the site's CSS overrides them by class for its light and dark themes. Text and axes use
/// `currentColor` (the page's text color).
///
/// - `svg.figure` and one of `.figure-line-chart`, `.figure-surface`, `.figure-histogram`,
///   `.figure-bar-chart`, `.figure-sparkline`, `.figure-images`. It has `width`, `height` and a
///   `viewBox`: give it `max-width: 100%; height: auto` to shrink on a phone (`stylesheet` does).
/// - `.title` (the title, bold), `.label` (tick labels, legend words, bar labels), `.axis-label`,
///   `.caption` (a histogram set's or an image's caption), `.note` (what could not be drawn).
/// - `.grid` (a group of `.grid-line`s, faint), `.axis` (a group of `.axis-line`s and `.tick`s),
///   `.tick-labels` (the group of the axes' numbers).
/// - `.series.series-0` … `.series-7`: the group of one line, path, histogram set or sparkline, its
///   color set with `stroke` and `fill` on the group; inside it `.line` (has `fill="none"`), `.marker`
///   (open markers have `fill="none"`), `.bars`, `.swatch`.
/// - `.best` (the star on a line's best point or the best bar; the best bar's `.bar.best` and value
///   `.value.best`), `.bar`, `.value`, `.nonfinite` (the word of a NaN or infinite bar),
///   `.diverged` (the × where a line diverged), `.range` (a sparkline's range).
/// - Surfaces: `.levels` with `.level.level-0` … `.level-5` (light for low values to dark for high),
///   `.contours` with `.contour.level-N`, `.paths`, `.start` and `.end` (the S and E marks, with a
///   `.halo` circle filled with the page's background: set `fill` for the dark theme); each path has a
///   `.halo-line` under it, stroked with the page's background.
/// - Images: `.image`, `.image-background`, `.pixels`, `.pixel-nonfinite`; they keep their grays in
///   both themes.
/// - `.legend`: the legend's group.
///
/// Tables are HTML rather than SVG (`HTMLTable`): `div.table-scroll > table.result-table` with
/// `caption`, `th`/`td` and the classes `num` (right-aligned; use `font-variant-numeric: tabular-nums`),
/// `center`, `best`, `nonfinite`; the mark `span.best-mark`; notes `p.table-note` after it.
///
/// `SVGFigure.stylesheet` holds rules for all of these, light and dark, that the site includes
/// (`SiteStyle`). A theme that recolors the levels sets `.levels .level-N`: the legend's swatches are
/// in a `.levels` group too.
public enum SVGFigure {
    /// The figure as one inline `<svg>` element: `role="img"`, `aria-labelledby` pointing at its `<title>`
    /// and `<desc>` (the text alternative: what the figure shows, e.g. series names and their final
    /// values), ids made unique with `idPrefix`; words from `catalog`; no external resource; deterministic
    /// bytes. A table, which is no picture, comes back as `HTMLTable.html`.
    public static func svg(_ figure: Figure, catalog: MessageCatalog, idPrefix: String) -> String {
        switch figure {
        case .table(let table): HTMLTable.html(table, catalog: catalog)
        case .lineChart(let chart): SVGLineChart(chart: chart, catalog: catalog).svg(idPrefix: idPrefix)
        case .surface(let surface): SVGSurface(surface: surface, catalog: catalog).svg(idPrefix: idPrefix)
        case .histogram(let histogram): SVGHistogram(histogram: histogram, catalog: catalog).svg(idPrefix: idPrefix)
        case .barChart(let chart): SVGBarChart(chart: chart, catalog: catalog).svg(idPrefix: idPrefix)
        case .sparkline(let sparkline): SVGSparkline(sparkline: sparkline, catalog: catalog).svg(idPrefix: idPrefix)
        case .images(let grid): SVGImageGrid(grid: grid, catalog: catalog).svg(idPrefix: idPrefix)
        }
    }
}
