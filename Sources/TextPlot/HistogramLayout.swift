/// Binning and the two layouts of `Histogram`.
extension Histogram {
    /// The counts of every set on its bins (common, or each set's own), with each set's summary.
    struct Binned {
        /// One set's bins: their range and counts.
        struct Panel {
            let low: Double
            let high: Double
            let counts: [Int]
            var bins: Int { counts.count }
        }

        let panels: [Panel]
        /// Whether bin edges are equal ratios apart.
        let isLog: Bool
        /// Whether each set has its own range, drawn under its own x axis.
        let separateAxes: Bool
        let captions: [String]
        var counts: [[Int]] { panels.map(\.counts) }

        init(_ histogram: Histogram, unicode: Bool, words: ChartWords = ChartWords()) {
            let binning = histogram.binning
                ?? Binning(histogram.groups.map(\.values), bins: histogram.bins, range: histogram.range,
                           scale: histogram.scale, axes: histogram.axes)
            isLog = binning.scale == .log
            separateAxes = binning.groups.contains { $0.low != nil || $0.high != nil }
            panels = binning.groups.map { group in
                Panel(low: group.low ?? binning.low, high: group.high ?? binning.high, counts: group.counts)
            }
            let isLog = isLog
            captions = zip(histogram.groups.map(\.name) + Array(repeating: "", count: max(binning.groups.count - histogram.groups.count, 0)),
                           binning.groups).map { name, group in
                Self.caption(name, unicode: unicode, words: words, sum: group.sum, sumSquares: group.sumSquares, n: group.count,
                             nonFinite: group.nonFinite, outside: group.outside, log: isLog)
            }
        }

        /// `layer 1: mean 0.0123 ± 0.871, n = 1000`, and what was left out. Numbers keep their scale:
        /// tiny or huge ones are written in scientific notation (`mean 3.05e-31 ± 2.11e-31`), never as 0.00.
        private static func caption(_ name: String, unicode: Bool, words: ChartWords, sum: Double, sumSquares: Double, n: Int,
                                    nonFinite: Int, outside: Int, log: Bool) -> String {
            var text = name.isEmpty ? "" : name + ": "
            if n > 0 {
                let mean = sum / Double(n)
                let std = max(sumSquares / Double(n) - mean * mean, 0).squareRoot()
                text += words.text("mean {0} ± {1}, n = {2}", statistic(mean), statistic(std), "\(n)", unicode: unicode)
            } else {
                text += words.text("no finite values")
            }
            if nonFinite > 0 { text += ", " + words.text("{0} NaN/inf not counted", "\(nonFinite)") }
            if outside > 0 {
                text += ", " + words.text(log ? "{0} outside the range or ≤ 0" : "{0} outside the range", "\(outside)", unicode: unicode)
            }
            return text
        }

        /// Three significant digits; scientific from 1e5 up and below 1e-3, where plain digits are long
        /// or round to zero.
        static func statistic(_ value: Double) -> String {
            let e = decimalExponent(value)
            guard value != 0, value.isFinite, e < -3 || e >= 5 else { return NumberFormat.significant(3).format(value) }
            return NumberFormat.scientific(2).format(value)
        }

        /// The x axis of panel `index`, over exactly its bins.
        func axis(_ index: Int, maxTicks: Int) -> Axis {
            let panel = panels[index]
            return isLog ? Axis.log(panel.low, panel.high, maxTicks: maxTicks, extend: false)
                : Axis.linear(panel.low, panel.high, maxTicks: maxTicks, extend: false)
        }

        /// The lower edge of a panel's bin (or the top edge for its `bins`), with as few digits as keep it
        /// exact enough.
        func edge(_ panel: Int, _ index: Int) -> String {
            let (low, high, bins) = (panels[panel].low, panels[panel].high, panels[panel].bins)
            if isLog {
                let value = exp10(log10d(low) + (log10d(high) - log10d(low)) * Double(index) / Double(bins))
                return NumberText.compact(value, digits: 2)
            }
            let value = low + (high - low) * Double(index) / Double(bins)
            let tolerance = (high - low) / Double(bins) * 1e-6
            for decimals in 0...6 {
                let text = NumberFormat.fixed(decimals).format(value)
                if abs((Double(text) ?? value) - value) <= tolerance { return text }
            }
            return NumberFormat.significant(4).format(value)
        }
    }

    /// Panels of upward bars, one per set, over one x axis or each over its own.
    func vertical(_ binned: Binned, _ options: RenderOptions, height: Int) -> [StyledLine] {
        let (width, unicode) = (options.width, options.unicode)
        var lines = ChartText.title(title, width: width)
        let xLabelLines = xLabel.map { [StyledLine(TextWidth.center($0, in: width))] } ?? []
        let panels = max(groups.count, 1)
        let axisLines = binned.separateAxes ? 2 * max(binned.panels.count - 1, 0) : 0
        let free = max(height - lines.count - groups.count - 2 - axisLines - xLabelLines.count, panels)
        let globalMax = binned.counts.joined().max() ?? 0
        let scales = binned.counts.map { sharedScale ? globalMax : ($0.max() ?? 0) }
        let labelWidth = scales.map { String($0).count }.max() ?? 1
        let maxTicks = max(2, (width - labelWidth - 2) / 10)
        var sharedAxis: [StyledLine] = []
        for (index, counts) in binned.counts.enumerated() {
            let frame = PlotFrame(labelWidth: labelWidth, x: binned.axis(index, maxTicks: maxTicks), unicode: unicode)
            // Every bin gets the same number of columns; the columns left over stay blank on the right.
            let bins = counts.count
            let binWidth = max(frame.plotWidth(total: width) / bins, 1)
            let plotWidth = min(binWidth * bins, frame.plotWidth(total: width))
            lines += ChartText.notes([binned.captions[index]], width: width).prefix(1)
            let rows = free / panels + (index < free % panels ? 1 : 0)
            var canvas = Canvas(width: plotWidth, height: rows)
            for bin in 0..<bins {
                let (start, end) = (bin * binWidth, (bin + 1) * binWidth)
                // Bars three or more columns wide get a gap, so neighbouring bins stay apart.
                let last = binWidth >= 3 ? end - 1 : end
                let barHeight = scales[index] == 0 ? 0 : Double(counts[bin]) / Double(scales[index]) * Double(rows)
                for row in 0..<rows {
                    let fill = barHeight - Double(rows - 1 - row)
                    let glyph = Blocks.vertical(fill, unicode: unicode, visible: counts[bin] > 0 && row == rows - 1)
                    guard glyph != " " else { continue }
                    for column in start..<max(last, start + 1) { canvas.set(column, row, glyph, Glyphs.style(index)) }
                }
            }
            for row in 0..<rows {
                var line = StyledLine()
                let label = row == 0 ? String(scales[index]) : ""
                line.appendSpaces(labelWidth - label.count)
                line.append(label + " ")
                line.append(row == 0 ? (unicode ? "┤" : "+") : (unicode ? "│" : "|"), .dim)
                line.append(canvas.line(row))
                lines.append(line)
            }
            if binned.separateAxes && index < binned.counts.count - 1 {
                lines += frame.xAxisLines(plotWidth: plotWidth)
            } else {
                sharedAxis = frame.xAxisLines(plotWidth: plotWidth)
            }
        }
        return lines + sharedAxis + xLabelLines
    }

    /// One line per bin: its interval, a bar and the count at the bar's end.
    func horizontal(_ binned: Binned, _ options: RenderOptions) -> [StyledLine] {
        let (width, unicode) = (options.width, options.unicode)
        var lines = ChartText.title(title, width: width)
        let intervals = binned.panels.indices.map { panel in
            let bins = binned.panels[panel].bins
            let edges = (0...bins).map { binned.edge(panel, $0) }
            return (0..<bins).map { "[\(edges[$0]), \(edges[$0 + 1])\($0 == bins - 1 ? "]" : ")")" }
        }
        let labelWidth = intervals.joined().map { TextWidth.of($0) }.max() ?? 0
        let globalMax = binned.counts.joined().max() ?? 0
        let countWidth = String(globalMax).count
        let barWidth = max(width - labelWidth - 2 - countWidth - 1, 1)
        for (index, counts) in binned.counts.enumerated() {
            if index > 0 { lines.append(StyledLine()) }
            lines += ChartText.notes([binned.captions[index]], width: width)
            let scale = sharedScale ? globalMax : (counts.max() ?? 0)
            for bin in counts.indices {
                var line = StyledLine(TextWidth.padLeft(intervals[index][bin], to: labelWidth) + " ")
                line.append(unicode ? "┤" : "|", .dim)
                let length = scale == 0 ? 0 : Double(counts[bin]) / Double(scale) * Double(barWidth)
                line.append(Blocks.horizontal(length, unicode: unicode, visible: counts[bin] > 0), Glyphs.style(index))
                line.append(" \(counts[bin])")
                lines.append(line)
            }
        }
        if let xLabel { lines.append(StyledLine(xLabel)) }
        return lines
    }
}
