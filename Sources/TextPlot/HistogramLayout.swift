/// Binning and the two layouts of `Histogram`.
extension Histogram {
    /// The counts of every set on the common bins, with each set's summary.
    struct Binned {
        let low: Double
        let high: Double
        /// The number of bins; without a given range, about the number asked for, on round edges.
        let bins: Int
        let counts: [[Int]]
        let captions: [String]

        init(_ histogram: Histogram, unicode: Bool) {
            let binning = histogram.binning
                ?? Binning(histogram.groups.map(\.values), bins: histogram.bins, range: histogram.range)
            low = binning.low
            high = binning.high
            bins = binning.bins
            counts = binning.groups.map(\.counts)
            captions = zip(histogram.groups.map(\.name) + Array(repeating: "", count: max(binning.groups.count - histogram.groups.count, 0)),
                           binning.groups).map { name, group in
                Self.caption(name, unicode: unicode, sum: group.sum, sumSquares: group.sumSquares, n: group.count,
                             nonFinite: group.nonFinite, outside: group.outside)
            }
        }

        /// `layer 1: mean 0.0123 ± 0.871, n = 1000`, and what was left out.
        private static func caption(_ name: String, unicode: Bool, sum: Double, sumSquares: Double, n: Int, nonFinite: Int,
                                    outside: Int) -> String {
            var text = name.isEmpty ? "" : name + ": "
            if n > 0 {
                let mean = sum / Double(n)
                let std = max(sumSquares / Double(n) - mean * mean, 0).squareRoot()
                let format = NumberFormat.significant(3)
                text += "mean \(format.format(mean)) \(unicode ? "±" : "+/-") \(format.format(std)), n = \(n)"
            } else {
                text += "no finite values"
            }
            if nonFinite > 0 { text += ", \(nonFinite) NaN/inf not counted" }
            if outside > 0 { text += ", \(outside) outside the range" }
            return text
        }

        /// The lower edge of a bin (or the top edge for `bins`), with as few decimals as keep it exact.
        func edge(_ index: Int) -> String {
            let value = low + (high - low) * Double(index) / Double(bins)
            let tolerance = (high - low) / Double(bins) * 1e-6
            for decimals in 0...6 {
                let text = NumberFormat.fixed(decimals).format(value)
                if abs((Double(text) ?? value) - value) <= tolerance { return text }
            }
            return NumberFormat.significant(4).format(value)
        }
    }

    /// Panels of upward bars, one per set, over one x axis.
    func vertical(_ binned: Binned, _ options: RenderOptions, height: Int) -> [StyledLine] {
        let (width, unicode) = (options.width, options.unicode)
        var lines = ChartText.title(title, width: width)
        let xLabelLines = xLabel.map { [StyledLine(TextWidth.center($0, in: width))] } ?? []
        let panels = max(groups.count, 1)
        let free = max(height - lines.count - groups.count - 2 - xLabelLines.count, panels)
        let globalMax = binned.counts.joined().max() ?? 0
        let scales = binned.counts.map { sharedScale ? globalMax : ($0.max() ?? 0) }
        let labelWidth = scales.map { String($0).count }.max() ?? 1
        let xAxis = Axis.linear(binned.low, binned.high, maxTicks: max(2, (width - labelWidth - 2) / 10), extend: false)
        let frame = PlotFrame(labelWidth: labelWidth, x: xAxis, unicode: unicode)
        // Every bin gets the same number of columns; the columns left over stay blank on the right.
        let bins = binned.bins
        let binWidth = max(frame.plotWidth(total: width) / bins, 1)
        let plotWidth = min(binWidth * bins, frame.plotWidth(total: width))
        for (index, counts) in binned.counts.enumerated() {
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
        }
        return lines + frame.xAxisLines(plotWidth: plotWidth) + xLabelLines
    }

    /// One line per bin: its interval, a bar and the count at the bar's end.
    func horizontal(_ binned: Binned, _ options: RenderOptions) -> [StyledLine] {
        let (width, unicode) = (options.width, options.unicode)
        var lines = ChartText.title(title, width: width)
        let bins = binned.bins
        let edges = (0...bins).map { binned.edge($0) }
        let intervals = (0..<bins).map { "[\(edges[$0]), \(edges[$0 + 1])\($0 == bins - 1 ? "]" : ")")" }
        let labelWidth = intervals.map { TextWidth.of($0) }.max() ?? 0
        let globalMax = binned.counts.joined().max() ?? 0
        let countWidth = String(globalMax).count
        let barWidth = max(width - labelWidth - 2 - countWidth - 1, 1)
        for (index, counts) in binned.counts.enumerated() {
            if index > 0 { lines.append(StyledLine()) }
            lines += ChartText.notes([binned.captions[index]], width: width)
            let scale = sharedScale ? globalMax : (counts.max() ?? 0)
            for bin in 0..<bins {
                var line = StyledLine(TextWidth.padLeft(intervals[bin], to: labelWidth) + " ")
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
