import TextPlot

/// Draws a result's figures with TextPlot, their words in one language.
struct FigureDrawing {
    /// The language of every label.
    let catalog: MessageCatalog

    /// The TextPlot chart that draws `figure`.
    func chart(_ figure: Figure) -> any Renderable {
        switch figure {
        case .table(let table): self.table(table)
        case .lineChart(let chart): lineChart(chart)
        case .surface(let surface): self.surface(surface)
        case .histogram(let histogram):
            histogram.height.map { FixedHeight(chart: self.histogram(histogram), height: $0) } ?? self.histogram(histogram)
        case .barChart(let chart): barChart(chart)
        case .sparkline(let sparkline): self.sparkline(sparkline)
        case .images(let grid): images(grid)
        }
    }

    func table(_ table: Table) -> TextPlot.Table {
        TextPlot.Table(
            title: catalog.text(table.title),
            columns: table.columns.map {
                .init(catalog.text($0.header), alignment: $0.alignment, format: $0.format,
                      nonFinite: catalog.text($0.nonFinite), best: $0.best)
            },
            rows: table.rows.map { row in
                row.map { cell -> TextPlot.Table.Cell in
                    switch cell {
                    case .text(let phrase): .text(catalog.text(phrase))
                    case .number(let value): .number(value)
                    case .empty: .empty
                    }
                }
            },
            caption: catalog.text(table.caption))
    }

    func lineChart(_ chart: LineChart) -> TextPlot.LineChart {
        TextPlot.LineChart(
            title: catalog.text(chart.title), xLabel: catalog.text(chart.xLabel), yLabel: catalog.text(chart.yLabel),
            yScale: chart.yScale,
            series: chart.series.map { series in
                if let x = series.x { return .init(catalog.text(series.name), x: x, y: series.y, best: series.best) }
                return .init(catalog.text(series.name), series.y, best: series.best)
            })
    }

    func surface(_ surface: Surface) -> TextPlot.Surface {
        let function = surface.function
        return TextPlot.Surface(
            title: catalog.text(surface.title), xLabel: catalog.text(surface.xLabel), yLabel: catalog.text(surface.yLabel),
            x: surface.x, y: surface.y, levels: surface.levels, spacing: surface.spacing, style: surface.style,
            paths: surface.paths.map { .init(catalog.text($0.name), x: $0.x, y: $0.y) },
            function: { x, y in function(x, y) })
    }

    func histogram(_ histogram: Histogram) -> TextPlot.Histogram {
        var chart = TextPlot.Histogram(
            title: catalog.text(histogram.title), groups: histogram.names.map { .init(catalog.text($0), []) },
            bins: histogram.binning.bins, orientation: histogram.orientation, sharedScale: histogram.sharedScale,
            xLabel: catalog.text(histogram.xLabel))
        chart.binning = histogram.binning
        return chart
    }

    func barChart(_ chart: BarChart) -> TextPlot.BarChart {
        TextPlot.BarChart(
            title: catalog.text(chart.title), bars: chart.bars.map { .init(catalog.text($0.label), $0.value) },
            format: chart.format, nonFinite: catalog.text(chart.nonFinite), best: chart.best)
    }

    func sparkline(_ sparkline: Sparkline) -> TextPlot.Sparkline {
        TextPlot.Sparkline(
            lines: sparkline.lines.map { .init(catalog.text($0.name), $0.values) }, sharedScale: sparkline.sharedScale,
            scale: sparkline.scale, format: sparkline.format)
    }

    func images(_ grid: ImageGrid) -> TextPlot.ImageGrid {
        TextPlot.ImageGrid(
            title: catalog.text(grid.title), images: grid.images.map { .init(pixels: $0.pixels, caption: catalog.text($0.caption)) },
            normalization: grid.normalization)
    }
}

/// A chart drawn at a fixed height unless the reader asks for one.
private struct FixedHeight: Renderable {
    let chart: any Renderable
    let height: Int

    func render(_ options: RenderOptions) -> String {
        var options = options
        options.height = options.height ?? height
        return chart.render(options)
    }
}

extension Figure {
    /// The figure drawn as plain text at `width` columns, its words in `catalog`'s language.
    public func render(width: Int = 80, charset: Charset = .unicode, catalog: MessageCatalog = .english) -> String {
        FigureDrawing(catalog: catalog).chart(self).render(RenderOptions(width: width, charset: charset, words: catalog.chartWords))
    }
}

extension MessageCatalog {
    /// The words TextPlot writes itself (notes, legend entries, table footnotes) in this catalog's
    /// language. Every key is asked for, so a catalog that records missing keys notes any it lacks.
    public var chartWords: ChartWords {
        ChartWords(templates: Dictionary(ChartWords.keys.map { ($0, text(Phrase(key: $0))) }, uniquingKeysWith: { first, _ in first }))
    }
}
