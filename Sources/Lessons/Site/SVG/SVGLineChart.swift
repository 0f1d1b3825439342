import TextPlot

/// A `LineChart` as SVG: the terminal chart's axes (linear or log, nice ticks), each series a line with
/// its marker, the best point starred, gaps where values are NaN, infinite or (on a log axis) ≤ 0, and
/// an × where a series diverged.
struct SVGLineChart {
    let chart: LineChart
    let catalog: MessageCatalog

    static let width = 640.0
    static let plotHeight = 260.0

    func svg(idPrefix: String) -> String {
        var canvas = SVGCanvas(width: Self.width)
        canvas.title(catalog.text(chart.title))
        let xLabel = catalog.text(chart.xLabel)
        if chart.yLabel != nil || chart.yScale == .log {
            let name = chart.yLabel ?? "y"
            let label = chart.yScale == .log ? catalog.text("\(name) (log scale)") : catalog.text(name)
            canvas.text(label, x: SVGCanvas.margin, y: canvas.bottom + 14, className: "axis-label")
            canvas.bottom += 18
        }
        let ranges = dataRanges()
        let yAxis = chart.yScale == .log ? Axis.log(ranges.y.lowerBound, ranges.y.upperBound, maxTicks: 7)
            : Axis.linear(ranges.y.lowerBound, ranges.y.upperBound, maxTicks: 7)
        let integral = chart.series.allSatisfy { $0.x == nil || $0.x!.allSatisfy { $0 == $0.rounded() } }
        let estimate = SVGPlotFrame(canvas: canvas, top: 0, height: 0, x: yAxis, y: yAxis).width
        let xAxis = Axis.linear(ranges.x.lowerBound, ranges.x.upperBound, maxTicks: SVGPlotFrame.maxTicks(width: estimate),
                                integerSteps: integral)
        let frame = SVGPlotFrame(canvas: canvas, top: canvas.bottom + 8, height: Self.plotHeight, x: xAxis, y: yAxis)
        frame.draw(on: &canvas, xLabel: xLabel)
        draw(on: &canvas, frame)
        SVGShapes.legend(legend(), on: &canvas)
        canvas.notes(notes())
        return canvas.document(kind: "line-chart", title: catalog.text(chart.title ?? "Line chart"),
                               description: description(), idPrefix: idPrefix)
    }

    /// Whether a point can be drawn: finite, and above zero on a log axis.
    private func drawable(_ x: Double, _ y: Double) -> Bool {
        x.isFinite && y.isFinite && (chart.yScale == .linear || y > 0)
    }

    private func count(_ series: LineChart.Series) -> Int {
        series.x.map { min($0.count, series.y.count) } ?? series.y.count
    }

    private func x(_ series: LineChart.Series, _ index: Int) -> Double {
        series.x?[index] ?? Double(index)
    }

    /// The x and y ranges of the drawable values; a placeholder when there are none.
    private func dataRanges() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var (xLow, xHigh, yLow, yHigh) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for series in chart.series {
            for index in 0..<count(series) where drawable(x(series, index), series.y[index]) {
                (xLow, xHigh) = (min(xLow, x(series, index)), max(xHigh, x(series, index)))
                (yLow, yHigh) = (min(yLow, series.y[index]), max(yHigh, series.y[index]))
            }
        }
        guard xLow <= xHigh else { return (0...1, chart.yScale == .log ? 0.1...1 : 0...1) }
        return (xLow...xHigh, yLow...yHigh)
    }

    /// Every series, the last first so that the first is on top; then the stars and the ×s.
    private func draw(on canvas: inout SVGCanvas, _ frame: SVGPlotFrame) {
        let seriesCount = chart.series.count
        var marks: [String] = []
        for (index, series) in chart.series.enumerated().reversed() {
            let group = SVGShapes.seriesGroup(index)
            canvas.open(group.className, group.attributes)
            var data = ""
            var segment: [(Double, Double)] = []
            func flush() {
                for (offset, point) in Self.thinned(segment).enumerated() {
                    data += (offset == 0 ? "M" : "L") + n(point.0) + " " + n(point.1)
                }
                segment.removeAll()
            }
            for point in 0..<count(series) {
                if drawable(x(series, point), series.y[point]), let px = frame.px(x(series, point)), let py = frame.py(series.y[point]) {
                    segment.append((px, py))
                } else {
                    flush()
                }
            }
            flush()
            canvas.path(data, className: "line", "fill=\"none\" stroke-width=\"1.5\" stroke-linejoin=\"round\"")
            let total = count(series)
            let markers = min(total, 8)
            for k in 0..<markers {
                // Markers spread along each line, staggered between lines so that they don't sit on each other.
                let fraction = (Double(k) + Double(index + 1) / Double(seriesCount + 1)) / Double(markers)
                let point = min(Int(fraction * Double(total)), total - 1)
                guard drawable(x(series, point), series.y[point]), let px = frame.px(x(series, point)),
                      let py = frame.py(series.y[point]) else { continue }
                canvas.append(SVGShapes.marker(index, x: px, y: py))
            }
            canvas.close()
            if let best = bestPoint(series), let px = frame.px(x(series, best)), let py = frame.py(series.y[best]) {
                marks.append(SVGShapes.star(x: px, y: py))
            }
            if let divergence = divergence(series), let last = divergence.lastFinite,
               let px = frame.px(x(series, last)), let py = frame.py(series.y[last]) {
                marks.append(SVGShapes.cross(x: px, y: py))
            }
        }
        for mark in marks { canvas.append(mark) }
    }

    /// The points of one unbroken piece, at most four per pixel column (the first, lowest, highest and
    /// last there, in order): a 10,000-step curve keeps its envelope at the size of its picture.
    static func thinned(_ points: [(Double, Double)]) -> [(Double, Double)] {
        guard points.count > 4 else { return points }
        var result: [(Double, Double)] = []
        var start = 0
        while start < points.count {
            let column = points[start].0.rounded(.down)
            var end = start
            while end + 1 < points.count && points[end + 1].0.rounded(.down) == column { end += 1 }
            var kept = [start, end]
            if end > start {
                let run = points[start...end].indices
                kept.append(run.min { points[$0].1 < points[$1].1 }!)
                kept.append(run.max { points[$0].1 < points[$1].1 }!)
            }
            for index in Set(kept).sorted() { result.append(points[index]) }
            start = end + 1
        }
        return result
    }

    /// The index of a series' best drawable value, the first one on a tie.
    private func bestPoint(_ series: LineChart.Series) -> Int? {
        guard let rule = series.best else { return nil }
        var found: Int?
        for index in 0..<count(series) where drawable(x(series, index), series.y[index]) {
            let value = series.y[index]
            if found == nil || (rule == .lowest ? value < series.y[found!] : value > series.y[found!]) { found = index }
        }
        return found
    }

    /// Where a series stops being finite for good: its first non-finite point after the last finite one.
    private func divergence(_ series: LineChart.Series) -> (first: Int, lastFinite: Int?)? {
        let points = 0..<count(series)
        guard let first = points.first(where: { !series.y[$0].isFinite }) else { return nil }
        let lastFinite = points.last { series.y[$0].isFinite }
        guard lastFinite.map({ x(series, $0) < x(series, first) }) ?? true else { return nil }
        return (first, lastFinite)
    }

    private func legend() -> [(SVGShapes.Symbol, String)] {
        var entries = chart.series.enumerated().map { (SVGShapes.Symbol.series($0.offset), catalog.text($0.element.name)) }
        for series in chart.series {
            guard let best = bestPoint(series) else { continue }
            let (value, at) = (FigureNumber.text(series.y[best]), FigureNumber.x(x(series, best)))
            let phrase: Phrase = series.best == .lowest
                ? "lowest point of \(series.name): \(value) at \(chart.xLabel) \(at)"
                : "highest point of \(series.name): \(value) at \(chart.xLabel) \(at)"
            entries.append((.best, catalog.text(phrase)))
        }
        if chart.series.contains(where: { divergence($0)?.lastFinite != nil }) {
            entries.append((.diverged, catalog.text("last finite value before the line diverged")))
        }
        return entries
    }

    /// What could not be drawn, as the terminal chart says it.
    private func notes() -> [String] {
        var notes: [Phrase] = []
        if chart.series.allSatisfy({ count($0) == 0 }) { notes.append("no data") }
        for series in chart.series {
            let points = 0..<count(series)
            let nonFinite = points.filter { !series.y[$0].isFinite }
            if let divergence = divergence(series) {
                notes.append("\(series.name): NaN/inf from \(chart.xLabel) \(FigureNumber.x(x(series, divergence.first))) on (diverged); not drawn")
            } else if let first = nonFinite.first {
                notes.append("\(series.name): \(nonFinite.count) NaN/inf values (first at \(chart.xLabel) \(FigureNumber.x(x(series, first)))) shown as gaps")
            }
            let nonPositive = chart.yScale == .log ? points.filter { series.y[$0].isFinite && series.y[$0] <= 0 }.count : 0
            if nonPositive > 0 { notes.append("\(series.name): \(nonPositive) values ≤ 0 not drawn on the log scale") }
        }
        return notes.map { catalog.text($0) }
    }

    /// The text alternative: what is plotted against what, and where each line ends.
    private func description() -> String {
        let yName = chart.yLabel ?? "y"
        var sentences: [Phrase] = [chart.yScale == .log
            ? "Line chart of \(yName) against \(chart.xLabel), on a log scale."
            : "Line chart of \(yName) against \(chart.xLabel)."]
        for series in chart.series {
            let points = (0..<count(series)).filter { series.y[$0].isFinite && x(series, $0).isFinite }
            if let divergence = divergence(series) {
                sentences.append("\(series.name) diverged: NaN/inf from \(chart.xLabel) \(FigureNumber.x(x(series, divergence.first))) on.")
            } else if let first = points.first, let last = points.last {
                sentences.append("\(series.name): from \(FigureNumber.text(series.y[first])) at \(chart.xLabel) \(FigureNumber.x(x(series, first))) to \(FigureNumber.text(series.y[last])) at \(chart.xLabel) \(FigureNumber.x(x(series, last))).")
            } else {
                sentences.append("\(series.name): no finite values.")
            }
            if let best = bestPoint(series) {
                let (value, at) = (FigureNumber.text(series.y[best]), FigureNumber.x(x(series, best)))
                sentences.append(series.best == .lowest ? "Lowest point of \(series.name): \(value) at \(chart.xLabel) \(at)."
                                 : "Highest point of \(series.name): \(value) at \(chart.xLabel) \(at).")
            }
        }
        return sentences.map { catalog.text($0) }.joined(separator: " ")
    }
}
