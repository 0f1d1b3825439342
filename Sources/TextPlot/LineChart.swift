/// A line chart of one or more series against steps or epochs, readable without color.
///
/// Each series has its own glyph (`● ○ ◆ ◇`, or `* o + x` in ASCII) named in the legend, so the chart reads
/// the same printed in black and white; color only adds to it. The y axis is linear or logarithmic with
/// ticks at round values. NaN and infinite values (a diverged run) break the line and are named in a note.
///
/// ```swift
/// let chart = LineChart(
///     title: "Loss on the ravine", xLabel: "step", yLabel: "loss", yScale: .log,
///     series: [.init("SGD", sgdLosses), .init("momentum", momentumLosses, best: .lowest)])
/// print(chart.render(width: 80, height: 20, charset: .ascii))
/// ```
public struct LineChart: Renderable, Sendable, Hashable {
    /// How the y axis maps values to rows.
    public enum Scale: String, Sendable, Hashable, Codable {
        /// Equal differences take equal heights.
        case linear
        /// log10: equal ratios take equal heights. Values at or below zero cannot be shown and are noted.
        case log
    }

    /// One line: a name for the legend, y values, and x values (by default 0, 1, 2, ...).
    public struct Series: Sendable, Hashable {
        /// The name in the legend.
        public var name: String
        /// The x values; `nil` means the indices 0, 1, 2, ...
        public var x: [Double]?
        /// The y values.
        public var y: [Double]
        /// When set, the series' best point is marked with `★` (`@` in ASCII) and given in the legend as
        /// "lowest point of NAME: value at step x".
        public var best: Best?

        /// A series whose x values are the indices 0, 1, 2, ...
        public init(_ name: String, _ y: [Double], best: Best? = nil) {
            self.name = name
            self.y = y
            self.best = best
        }

        /// A series with explicit x values (extra values on either side are ignored).
        public init(_ name: String, x: [Double], y: [Double], best: Best? = nil) {
            self.name = name
            self.x = x
            self.y = y
            self.best = best
        }

        var count: Int { x.map { min($0.count, y.count) } ?? y.count }
        func x(_ index: Int) -> Double { x?[index] ?? Double(index) }
    }

    /// A line above the chart, centred.
    public var title: String?
    /// What x counts, e.g. "step" or "epoch"; written under the x axis and in notes.
    public var xLabel: String
    /// What y measures, written above the y axis.
    public var yLabel: String?
    /// Linear or log y axis.
    public var yScale: Scale
    /// The series, drawn so that the first one is on top.
    public var series: [Series]

    /// Creates a line chart.
    public init(
        title: String? = nil, xLabel: String = "step", yLabel: String? = nil, yScale: Scale = .linear,
        series: [Series]
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yScale = yScale
        self.series = series
    }

    /// Renders at exactly `options.width` columns and `options.height` lines (20 by default).
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let width = options.width
        let height = options.height ?? 20
        let unicode = options.unicode
        var header = ChartText.title(title, width: width)
        if yLabel != nil || yScale == .log {
            let label = yScale == .log ? options.words.text("{0} (log scale)", yLabel ?? "y") : yLabel ?? "y"
            header.append(StyledLine(TextWidth.prefix(label, width: width)))
        }
        let ranges = dataRanges()
        var footer = legend(unicode: unicode, width: width, words: options.words)
        footer += ChartText.notes(notes(unicode: unicode, words: options.words), width: width)
        // The plot keeps at least three rows; notes, then the x label, give way first.
        let fixed = header.count + 2
        var xLabelLines = [StyledLine(TextWidth.center(xLabel, in: width))]
        while height - fixed - xLabelLines.count - footer.count < 3 && !footer.isEmpty { footer.removeLast() }
        if height - fixed - footer.count < 4 { xLabelLines = [] }
        let plotHeight = max(height - fixed - xLabelLines.count - footer.count, 1)

        let yAxis = yScale == .log
            ? Axis.log(ranges.y.lowerBound, ranges.y.upperBound, maxTicks: plotHeight / 3 + 1)
            : Axis.linear(ranges.y.lowerBound, ranges.y.upperBound, maxTicks: plotHeight / 3 + 1)
        let integral = series.allSatisfy { $0.x == nil || $0.x!.allSatisfy { $0 == $0.rounded() } }
        let estimate = PlotFrame(y: yAxis, x: nil, unicode: unicode).plotWidth(total: width)
        let xAxis = Axis.linear(ranges.x.lowerBound, ranges.x.upperBound, maxTicks: max(2, estimate / 10),
                                integerSteps: integral)
        let frame = PlotFrame(y: yAxis, x: xAxis, unicode: unicode)
        var canvas = Canvas(width: frame.plotWidth(total: width), height: plotHeight)
        draw(on: &canvas, x: xAxis, y: yAxis, unicode: unicode)
        return ChartText.finish(header + frame.lines(canvas) + xLabelLines + footer,
                                width: width, height: height, color: options.color)
    }

    /// The x and y ranges of the values that can be drawn; a placeholder range when there are none.
    private func dataRanges() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var (xLow, xHigh, yLow, yHigh) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for line in series {
            for index in 0..<line.count {
                let (x, y) = (line.x(index), line.y[index])
                guard x.isFinite, y.isFinite, yScale == .linear || y > 0 else { continue }
                (xLow, xHigh) = (min(xLow, x), max(xHigh, x))
                (yLow, yHigh) = (min(yLow, y), max(yHigh, y))
            }
        }
        guard xLow <= xHigh else { return (0...1, yScale == .log ? 0.1...1 : 0...1) }
        return (xLow...xHigh, yLow...yHigh)
    }

    /// Draws every series, last first so the first is on top, then the best-point markers.
    private func draw(on canvas: inout Canvas, x: Axis, y: Axis, unicode: Bool) {
        let column = x.mapper(cells: canvas.width)
        let row = y.mapper(cells: canvas.height)
        let bottom = Double(canvas.height - 1)
        for (index, line) in series.enumerated().reversed() {
            var trace = Trace(width: canvas.width, height: canvas.height)
            for point in 0..<line.count {
                guard let c = column(line.x(point)), let r = row(line.y[point]) else {
                    trace.lift()
                    continue
                }
                trace.move(to: c, bottom - r)
            }
            trace.draw(on: &canvas, Glyphs.series(index, unicode: unicode), Glyphs.style(index))
        }
        for line in series {
            guard let best = bestPoint(line), let c = column(line.x(best)), let r = row(line.y[best]) else { continue }
            canvas.set(cellIndex(c), cellIndex(bottom - r), unicode ? "★" : "@", .best)
        }
    }

    /// The index of a series' best drawable value, the first one on a tie.
    private func bestPoint(_ line: Series) -> Int? {
        guard let rule = line.best else { return nil }
        var found: Int?
        for index in 0..<line.count {
            let value = line.y[index]
            guard value.isFinite, line.x(index).isFinite, yScale == .linear || value > 0 else { continue }
            if found == nil || rule.prefers(value, over: line.y[found!]) { found = index }
        }
        return found
    }

    private func legend(unicode: Bool, width: Int, words: ChartWords) -> [StyledLine] {
        var entries = series.enumerated().map { index, line in
            ChartText.Entry(glyph: String(Glyphs.series(index, unicode: unicode)), style: Glyphs.style(index), text: line.name)
        }
        for line in series {
            guard let best = bestPoint(line) else { continue }
            let value = NumberText.compact(line.y[best], digits: 3)
            let x = Self.xText(line.x(best))
            // "of NAME": the best point of one line, never the best line (a table's star marks that).
            entries.append(.init(glyph: unicode ? "★" : "@", style: .best,
                                 text: words.text(line.best == .lowest ? "lowest point of {0}: {1} at {2} {3}" : "highest point of {0}: {1} at {2} {3}",
                                                  line.name, value, xLabel, x)))
        }
        return ChartText.legend(entries, width: width)
    }

    /// Notes on what could not be drawn: no data, NaN or infinity (a diverged run), values ≤ 0 on a log axis.
    private func notes(unicode: Bool, words: ChartWords) -> [String] {
        var notes: [String] = []
        if series.allSatisfy({ $0.count == 0 }) { notes.append(words.text("no data")) }
        for line in series {
            var nonFinite = 0
            var firstNonFinite: Double?
            var lastFinite = -1
            var nonPositive = 0
            for index in 0..<line.count {
                let value = line.y[index]
                if !value.isFinite {
                    nonFinite += 1
                    if firstNonFinite == nil { firstNonFinite = line.x(index) }
                } else {
                    lastFinite = index
                    if yScale == .log && value <= 0 { nonPositive += 1 }
                }
            }
            if let first = firstNonFinite {
                let diverged = lastFinite < 0 || line.x(lastFinite) < first
                notes.append(diverged
                    ? words.text("{0}: NaN/inf from {1} {2} on (diverged); not drawn", line.name, xLabel, Self.xText(first))
                    : nonFinite == 1
                        ? words.text("{0}: 1 NaN/inf value (first at {1} {2}) shown as gaps", line.name, xLabel, Self.xText(first))
                        : words.text("{0}: {1} NaN/inf values (first at {2} {3}) shown as gaps", line.name, "\(nonFinite)", xLabel, Self.xText(first)))
            }
            if nonPositive > 0 {
                notes.append(nonPositive == 1
                    ? words.text("{0}: 1 value ≤ 0 not drawn on the log scale", line.name, unicode: unicode)
                    : words.text("{0}: {1} values ≤ 0 not drawn on the log scale", line.name, "\(nonPositive)", unicode: unicode))
            }
        }
        return notes
    }

    /// An x value as text: whole numbers without decimals.
    static func xText(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? NumberFormat.integer.format(x) : NumberFormat.significant(4).format(x)
    }
}

extension LineChart: ASCIISpellable {
    func asciiSpelled() -> LineChart? {
        var changed = false, copy = self
        copy.title = ASCIIText.spell(title, &changed)
        copy.xLabel = ASCIIText.spell(xLabel, &changed)
        copy.yLabel = ASCIIText.spell(yLabel, &changed)
        for index in copy.series.indices { copy.series[index].name = ASCIIText.spell(series[index].name, &changed) }
        return changed ? copy : nil
    }
}
