/// A function of two variables drawn as shaded levels or contour lines, with optimizer paths on top:
/// the picture of SGD zigzagging across a ravine while momentum runs along its floor.
///
/// Levels read without color: shades from blank (lowest) to `▓` (or `.:-=` in ASCII), or contour lines
/// drawn with the digit of their level. Each path has its own glyph, `S` marks its start and `E` its end,
/// and the legend gives the level values.
///
/// ```swift
/// let ravine = Surface(title: "f(x, y) = x² + 10y²", x: -5...5, y: -2...2,
///                      paths: [.init("SGD", points: sgdPoints), .init("momentum", points: momentumPoints)],
///                      function: { x, y in x * x + 10 * y * y })
/// print(ravine.render(width: 80, height: 24, charset: .ascii))
/// ```
public struct Surface: Renderable, Sendable {
    /// How levels are drawn.
    public enum Style: String, Sendable, Hashable, Codable {
        /// Each level band filled with a shade, darker for higher values.
        case shades
        /// Only the inner edge of each band, drawn with the band's digit (1 = lowest contour).
        case contours
    }

    /// Where the level boundaries go.
    public enum Spacing: String, Sendable, Hashable, Codable {
        /// Each band covers about the same area: reads well whatever the function's range.
        case quantile
        /// Evenly spaced values between the minimum and maximum.
        case linear
        /// Evenly spaced logarithms (for positive functions spanning decades); falls back to quantiles.
        case log
    }

    /// A trajectory over the surface, e.g. an optimizer's parameters at each step.
    public struct Path: Sendable, Hashable {
        /// The name in the legend.
        public var name: String
        /// The x coordinates, in order.
        public var x: [Double]
        /// The y coordinates, in order.
        public var y: [Double]

        /// A path from separate coordinate arrays (extra values in the longer one are ignored).
        public init(_ name: String, x: [Double], y: [Double]) {
            self.name = name
            let count = min(x.count, y.count)
            self.x = Array(x.prefix(count))
            self.y = Array(y.prefix(count))
        }

        /// A path from (x, y) points.
        public init(_ name: String, points: [(Double, Double)]) {
            self.init(name, x: points.map(\.0), y: points.map(\.1))
        }
    }

    /// A line above the chart, centred.
    public var title: String?
    /// The name of the horizontal variable, written under the x axis.
    public var xLabel: String?
    /// The name of the vertical variable, written above the y axis.
    public var yLabel: String?
    /// The horizontal window.
    public var x: ClosedRange<Double>
    /// The vertical window.
    public var y: ClosedRange<Double>
    /// The number of level bands (2 to 6; 5 by default).
    public var levels: Int
    /// Where the level boundaries go.
    public var spacing: Spacing
    /// Shades or contour lines.
    public var style: Style
    /// The trajectories, drawn so that the first is on top.
    public var paths: [Path]
    /// The function, sampled at the centre of every cell.
    public let function: @Sendable (Double, Double) -> Double

    /// A surface of `function` over the window `x` × `y`.
    public init(
        title: String? = nil, xLabel: String? = "x", yLabel: String? = "y", x: ClosedRange<Double>,
        y: ClosedRange<Double>, levels: Int = 5, spacing: Spacing = .quantile, style: Style = .shades,
        paths: [Path] = [], function: @escaping @Sendable (Double, Double) -> Double
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.levels = min(max(levels, 2), 6)
        self.spacing = spacing
        self.style = style
        self.paths = paths
        self.function = function
    }

    /// A surface from sampled values, `grid[row][column]`, row 0 at `y.lowerBound` and column 0 at
    /// `x.lowerBound`; each cell takes the nearest sample.
    public init(
        title: String? = nil, xLabel: String? = "x", yLabel: String? = "y", x: ClosedRange<Double>,
        y: ClosedRange<Double>, grid: [[Double]], levels: Int = 5, spacing: Spacing = .quantile,
        style: Style = .shades, paths: [Path] = []
    ) {
        let rows = grid.count
        let columns = grid.map(\.count).min() ?? 0
        let (xLow, xSpan, yLow, ySpan) = (x.lowerBound, x.upperBound - x.lowerBound, y.lowerBound, y.upperBound - y.lowerBound)
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: y, levels: levels, spacing: spacing,
                  style: style, paths: paths) { px, py in
            guard rows > 0, columns > 0 else { return .nan }
            let column = cellIndex((px - xLow) / xSpan * Double(columns - 1))
            let row = cellIndex((py - yLow) / ySpan * Double(rows - 1))
            return grid[min(max(row, 0), rows - 1)][min(max(column, 0), columns - 1)]
        }
    }

    /// Renders at exactly `options.width` columns and `options.height` lines (24 by default).
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let (width, height, unicode) = (options.width, options.height ?? 24, options.unicode)
        var header = ChartText.title(title, width: width)
        if let yLabel { header.append(StyledLine(TextWidth.prefix(yLabel, width: width))) }
        var footer = xLabel.map { [StyledLine(TextWidth.center($0, in: width))] } ?? []
        let thresholds = LevelField.thresholds(of: self)
        var legendLines = ChartText.legend(pathLegend(unicode: unicode, words: options.words), width: width)
        legendLines += ChartText.notes([LevelField.key(thresholds, style: style, unicode: unicode, words: options.words)], width: width)
        let fixed = header.count + 2
        var notes = ChartText.notes(pathNotes(words: options.words), width: width)
        while height - fixed - footer.count - legendLines.count - notes.count < 3 && !notes.isEmpty { notes.removeLast() }
        if height - fixed - footer.count - legendLines.count < 3 { footer = [] }
        let plotHeight = max(height - fixed - footer.count - legendLines.count - notes.count, 1)

        let yAxis = Axis.linear(y.lowerBound, y.upperBound, maxTicks: plotHeight / 3 + 1, extend: false)
        let estimate = PlotFrame(y: yAxis, x: nil, unicode: unicode).plotWidth(total: width)
        let xAxis = Axis.linear(x.lowerBound, x.upperBound, maxTicks: max(2, estimate / 10), extend: false)
        let frame = PlotFrame(y: yAxis, x: xAxis, unicode: unicode)
        var canvas = Canvas(width: frame.plotWidth(total: width), height: plotHeight)
        let field = LevelField(surface: self, columns: canvas.width, rows: plotHeight, thresholds: thresholds)
        field.draw(on: &canvas, style: style, unicode: unicode)
        drawPaths(on: &canvas, x: xAxis, y: yAxis, unicode: unicode)
        return ChartText.finish(header + frame.lines(canvas) + footer + legendLines + notes,
                                width: width, height: height, color: options.color)
    }

    /// The boundaries between the level bands, ascending, as the terminal draws them and its key lists
    /// them (from a fixed sample, so the same at every size): other renderings use the same levels.
    public var levelThresholds: [Double] {
        LevelField.thresholds(of: self)
    }

    private func pathLegend(unicode: Bool, words: ChartWords) -> [ChartText.Entry] {
        guard !paths.isEmpty else { return [] }
        var entries = paths.enumerated().map { index, path in
            ChartText.Entry(glyph: String(Glyphs.series(index, unicode: unicode)), style: Glyphs.style(index), text: path.name)
        }
        entries.append(.init(glyph: "S", style: .bold, text: words.text("start")))
        entries.append(.init(glyph: "E", style: .bold, text: words.text("end")))
        return entries
    }

    /// Notes on paths that leave the window or stop on a non-finite value.
    private func pathNotes(words: ChartWords) -> [String] {
        paths.compactMap { path in
            if let stop = path.x.indices.first(where: { !path.x[$0].isFinite || !path.y[$0].isFinite }) {
                return words.text("{0}: NaN/inf at point {1} (diverged); the path stops there", path.name, "\(stop)")
            }
            let outside = zip(path.x, path.y).filter { !x.contains($0) || !y.contains($1) }.count
            return outside > 0 ? words.text("{0}: {1} of {2} points outside the window", path.name, "\(outside)", "\(path.x.count)") : nil
        }
    }

    /// Draws each path as connected cells with its glyph, the first path on top, then the start and end marks.
    private func drawPaths(on canvas: inout Canvas, x: Axis, y: Axis, unicode: Bool) {
        let column = x.mapper(cells: canvas.width)
        let row = y.mapper(cells: canvas.height)
        let bottom = Double(canvas.height - 1)
        var ends: [(Double, Double, Character)] = []
        for (index, path) in paths.enumerated().reversed() {
            let glyph = Glyphs.series(index, unicode: unicode)
            var previous: (Double, Double)?
            var first: (Double, Double)?
            for (px, py) in zip(path.x, path.y) {
                guard let c = column(px), let r = row(py) else { break }
                let point = (c, bottom - r)
                if let from = previous {
                    Segment.draw(from, point, on: &canvas, glyph, Glyphs.style(index))
                } else {
                    canvas.set(cellIndex(point.0), cellIndex(point.1), glyph, Glyphs.style(index))
                    first = point
                }
                previous = point
            }
            if let first { ends.append((first.0, first.1, "S")) }
            if let last = previous { ends.append((last.0, last.1, "E")) }
        }
        // Ends after starts, so a path that never moves shows where it stopped.
        for end in ends.sorted(by: { $0.2 > $1.2 }) {
            canvas.set(cellIndex(end.0), cellIndex(end.1), end.2, .bold)
        }
    }
}

extension Surface: ASCIISpellable {
    func asciiSpelled() -> Surface? {
        var changed = false, copy = self
        copy.title = ASCIIText.spell(title, &changed)
        copy.xLabel = ASCIIText.spell(xLabel, &changed)
        copy.yLabel = ASCIIText.spell(yLabel, &changed)
        for index in copy.paths.indices { copy.paths[index].name = ASCIIText.spell(paths[index].name, &changed) }
        return changed ? copy : nil
    }
}
