import TextPlot

/// A `Surface` as SVG: its polynomial sampled over the window and split into the terminal's level bands
/// (filled as a heatmap, or drawn as contour lines), the paths on top with their markers, S at each
/// start and E at each end.
struct SVGSurface {
    let surface: Surface
    let catalog: MessageCatalog

    static let width = 640.0
    /// The heatmap's columns: fine enough to look smooth, few enough to keep the file small.
    static let columns = 96

    func svg(idPrefix: String) -> String {
        var canvas = SVGCanvas(width: Self.width)
        canvas.title(catalog.text(surface.title))
        if let yLabel = catalog.text(surface.yLabel) {
            canvas.text(yLabel, x: SVGCanvas.margin, y: canvas.bottom + 14, className: "axis-label")
            canvas.bottom += 18
        }
        let probe = Axis.linear(surface.y.lowerBound, surface.y.upperBound, maxTicks: 6, extend: false)
        let plotWidth = SVGPlotFrame(canvas: canvas, top: 0, height: 0, x: probe, y: probe).width
        let xSpan = surface.x.upperBound - surface.x.lowerBound, ySpan = surface.y.upperBound - surface.y.lowerBound
        // True proportions where they fit: a ravine looks long and narrow.
        let ratio = xSpan > 0 && ySpan > 0 && (ySpan / xSpan).isFinite ? ySpan / xSpan : 0.6
        let plotHeight = min(max(plotWidth * ratio, 180), 400)
        let yAxis = Axis.linear(surface.y.lowerBound, surface.y.upperBound, maxTicks: max(3, Int(plotHeight / 50)), extend: false)
        let xAxis = Axis.linear(surface.x.lowerBound, surface.x.upperBound, maxTicks: SVGPlotFrame.maxTicks(width: plotWidth),
                                extend: false)
        let frame = SVGPlotFrame(canvas: canvas, top: canvas.bottom + 8, height: plotHeight, x: xAxis, y: yAxis)
        let thresholds = FigureDrawing(catalog: catalog).surface(surface).levelThresholds
        let clip = SVGCanvas.identifier(idPrefix) + "-clip"
        canvas.append("<defs><clipPath id=\"\(clip)\"><rect x=\"\(n(frame.left))\" y=\"\(n(frame.top))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\"/></clipPath></defs>")
        switch surface.style {
        case .shades: drawBands(on: &canvas, frame, thresholds)
        case .contours: drawContours(on: &canvas, frame, thresholds)
        }
        frame.draw(on: &canvas, xLabel: catalog.text(surface.xLabel))
        drawPaths(on: &canvas, frame, clip: clip)
        SVGShapes.legend(legend(thresholds), on: &canvas)
        canvas.notes(notes())
        return canvas.document(kind: "surface", title: catalog.text(surface.title ?? "Surface"),
                               description: description(thresholds), idPrefix: idPrefix)
    }

    /// The band of a value: how many boundaries are at or below it; non-finite values are the highest.
    private static func band(_ value: Double, _ thresholds: [Double]) -> Int {
        guard value.isFinite else { return thresholds.count }
        return thresholds.prefix { value >= $0 }.count
    }

    /// The function at the centre of each cell of a grid over the window, top row first, as bands;
    /// each band one path of rectangles, a run of equal cells in a row being one rectangle.
    private func drawBands(on canvas: inout SVGCanvas, _ frame: SVGPlotFrame, _ thresholds: [Double]) {
        let columns = Self.columns
        let rows = max(Int((Double(columns) * frame.height / frame.width).rounded()), 12)
        let (x, y) = (surface.x, surface.y)
        var runs = Array(repeating: "", count: thresholds.count + 1)
        func px(_ column: Int) -> String { n(frame.left + frame.width * Double(column) / Double(columns)) }
        for row in 0..<rows {
            let top = n(frame.top + frame.height * Double(row) / Double(rows))
            let bottom = n(frame.top + frame.height * Double(row + 1) / Double(rows))
            let py = y.upperBound - (y.upperBound - y.lowerBound) * (Double(row) + 0.5) / Double(rows)
            let bands = (0..<columns).map { column in
                Self.band(surface.function(x.lowerBound + (x.upperBound - x.lowerBound) * (Double(column) + 0.5) / Double(columns), py),
                          thresholds)
            }
            var start = 0
            while start < columns {
                var end = start
                while end + 1 < columns && bands[end + 1] == bands[start] { end += 1 }
                runs[bands[start]] += "M\(px(start)) \(top)H\(px(end + 1))V\(bottom)H\(px(start))Z"
                start = end + 1
            }
        }
        canvas.open("levels", "shape-rendering=\"crispEdges\"")
        for (band, data) in runs.enumerated() {
            let level = SVGShapes.levelIndex(band, of: runs.count)
            canvas.path(data, className: "level level-\(level)", "fill=\"\(SVGShapes.levelColors[level])\"")
        }
        canvas.close()
    }

    /// One contour line per boundary, by marching squares over a grid of samples at the cells' corners.
    private func drawContours(on canvas: inout SVGCanvas, _ frame: SVGPlotFrame, _ thresholds: [Double]) {
        let columns = 64
        let rows = max(Int((Double(columns) * frame.height / frame.width).rounded()), 8)
        let (x, y) = (surface.x, surface.y)
        let values = (0...rows).map { row in
            (0...columns).map { column in
                surface.function(x.lowerBound + (x.upperBound - x.lowerBound) * Double(column) / Double(columns),
                                 y.upperBound - (y.upperBound - y.lowerBound) * Double(row) / Double(rows))
            }
        }
        func point(_ column: Double, _ row: Double) -> String {
            "\(n(frame.left + frame.width * column / Double(columns))) \(n(frame.top + frame.height * row / Double(rows)))"
        }
        canvas.open("contours", "fill=\"none\" stroke-width=\"1.5\"")
        for (index, threshold) in thresholds.enumerated() {
            var data = ""
            for row in 0..<rows {
                for column in 0..<columns {
                    // Corners clockwise from the top left; an edge is crossed where its ends are on either side.
                    let corners = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
                    let above = corners.map { !(values[$0.1][$0.0] < threshold) }
                    var crossings: [String] = []
                    for edge in 0..<4 where above[edge] != above[(edge + 1) % 4] {
                        let (a, b) = (corners[edge], corners[(edge + 1) % 4])
                        let (va, vb) = (values[a.1][a.0], values[b.1][b.0])
                        var t = (threshold - va) / (vb - va)
                        if !t.isFinite { t = 0.5 }
                        t = min(max(t, 0), 1)
                        crossings.append(point(Double(a.0) + t * Double(b.0 - a.0), Double(a.1) + t * Double(b.1 - a.1)))
                    }
                    // Two crossings make one segment; four (a saddle cell) make two.
                    for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
                        data += "M\(crossings[pair])L\(crossings[pair + 1])"
                    }
                }
            }
            let level = SVGShapes.levelIndex(index + 1, of: thresholds.count + 1)
            canvas.path(data, className: "contour level-\(level)", SVGShapes.contourStroke(level))
        }
        canvas.close()
    }

    /// Each path as a line with its markers, stopping at its first non-finite point, clipped to the
    /// window; then S and E.
    private func drawPaths(on canvas: inout SVGCanvas, _ frame: SVGPlotFrame, clip: String) {
        var (starts, ends): ([String], [String]) = ([], [])
        canvas.open("paths", "clip-path=\"url(#\(clip))\"")
        for (index, path) in surface.paths.enumerated().reversed() {
            let points = zip(path.x, path.y).prefix { $0.isFinite && $1.isFinite }.compactMap { px, py in
                frame.px(px).flatMap { x in frame.py(py).map { (x, $0) } }
            }
            guard let first = points.first, let last = points.last else { continue }
            let data = Self.simplified(points).enumerated().map { ($0.offset == 0 ? "M" : "L") + n($0.element.0) + " " + n($0.element.1) }.joined()
            // A band of the page's background under the line keeps it apart from the levels in either theme.
            canvas.path(data, className: "halo-line", "fill=\"none\" stroke=\"#ffffff\" stroke-opacity=\"0.7\" stroke-width=\"4\" stroke-linejoin=\"round\"")
            let group = SVGShapes.seriesGroup(index)
            canvas.open(group.className, group.attributes)
            canvas.path(data, className: "line", "fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\"")
            let every = max(1, points.count / 24)
            for (offset, point) in points.enumerated() where offset % every == 0 {
                canvas.append(SVGShapes.marker(index, x: point.0, y: point.1, size: 3))
            }
            canvas.close()
            starts.append(SVGShapes.endMark("S", x: first.0, y: first.1, className: "start"))
            ends.append(SVGShapes.endMark("E", x: last.0, y: last.1, className: "end"))
        }
        // Ends after starts, so that a path that never moves shows where it stopped.
        for mark in starts + ends { canvas.append(mark) }
        canvas.close()
    }

    /// The points of a path without those within a pixel of the last one kept (an optimizer that has
    /// settled takes thousands of steps on one spot); the last point always stays.
    static func simplified(_ points: [(Double, Double)]) -> [(Double, Double)] {
        var kept: [(Double, Double)] = []
        for (index, point) in points.enumerated() {
            if let last = kept.last, index < points.count - 1, abs(point.0 - last.0) < 1, abs(point.1 - last.1) < 1 { continue }
            kept.append(point)
        }
        return kept
    }

    private func legend(_ thresholds: [Double]) -> [(SVGShapes.Symbol, String)] {
        var entries: [(SVGShapes.Symbol, String)] = surface.paths.enumerated().map { (.series($0.offset), catalog.text($0.element.name)) }
        if !surface.paths.isEmpty {
            entries += [(.start, catalog.text("start")), (.end, catalog.text("end"))]
        }
        let labels = thresholds.map { FigureNumber.text($0, digits: 2) }
        let bands = thresholds.count + 1
        if surface.style == .contours {
            for (index, label) in labels.enumerated() {
                entries.append((.contour(index + 1, of: bands), catalog.text("f = \(label)")))
            }
            return entries
        }
        for band in 0..<bands where bands > 1 {
            let phrase: Phrase = band == 0 ? "f < \(labels[0])"
                : band == bands - 1 ? "f ≥ \(labels[band - 1])" : "\(labels[band - 1]) ≤ f < \(labels[band])"
            entries.append((.level(band, of: bands), catalog.text(phrase)))
        }
        if thresholds.isEmpty { entries.append((.level(0, of: 1), catalog.text("f is constant over the window"))) }
        return entries
    }

    /// Paths that leave the window or stop on a non-finite value.
    private func notes() -> [String] {
        surface.paths.compactMap { path -> Phrase? in
            if let stop = path.x.indices.first(where: { !path.x[$0].isFinite || !path.y[$0].isFinite }) {
                return "\(path.name): NaN/inf at point \(stop) (diverged); the path stops there"
            }
            let outside = zip(path.x, path.y).filter { !surface.x.contains($0) || !surface.y.contains($1) }.count
            return outside > 0 ? "\(path.name): \(outside) of \(path.x.count) points outside the window" : nil
        }.map { catalog.text($0) }
    }

    /// The text alternative: the window, the levels, and where each path starts and ends.
    private func description(_ thresholds: [Double]) -> String {
        let (x, y) = (surface.x, surface.y)
        let xName = surface.xLabel ?? "x", yName = surface.yLabel ?? "y"
        var sentences: [Phrase] = [
            "Surface of f over \(xName) from \(FigureNumber.text(x.lowerBound)) to \(FigureNumber.text(x.upperBound)) and \(yName) from \(FigureNumber.text(y.lowerBound)) to \(FigureNumber.text(y.upperBound)).",
        ]
        if !thresholds.isEmpty {
            let levels = thresholds.map { FigureNumber.text($0, digits: 2) }.joined(separator: ", ")
            sentences.append(surface.style == .shades ? "Shaded bands of f, with boundaries at f = \(levels)."
                             : "Contour lines at f = \(levels).")
        }
        for path in surface.paths {
            let finite = Array(zip(path.x, path.y).prefix { $0.isFinite && $1.isFinite })
            guard let first = finite.first, let last = finite.last else {
                sentences.append("\(path.name): no finite points.")
                continue
            }
            let start = "(\(FigureNumber.text(first.0)), \(FigureNumber.text(first.1)))"
            let end = "(\(FigureNumber.text(last.0)), \(FigureNumber.text(last.1)))"
            sentences.append(finite.count < path.x.count
                ? "\(path.name): from \(start) to \(end), where it diverged after \(finite.count) points."
                : "\(path.name): \(path.x.count) points from \(start) to \(end).")
        }
        return sentences.map { catalog.text($0) }.joined(separator: " ")
    }
}
